// Tests of store/pii_cipher.h. They live here because src/store/ has no test executable of its
// own; ordo_store_sqlite_test links ordo_store_api.
#include "store/pii_cipher.h"

#include <gtest/gtest.h>

#include "store/codec.h"

namespace ordo {
namespace {

PiiCipher::Key KeyOf(unsigned char fill) {
  PiiCipher::Key key;
  key.fill(fill);
  return key;
}

TEST(PiiCipherTest, SealedTextOpensToThePlaintext) {
  PiiCipher cipher(KeyOf(1));
  for (std::string_view plaintext : {"13812345678", "张三", "世纪大道100号 8楼 801室", "x"}) {
    const std::string sealed = cipher.Seal(plaintext);
    EXPECT_TRUE(sealed.starts_with("v1:")) << sealed;
    if (plaintext.size() > 4) {  // a one-letter plaintext may occur in base64 by chance
      EXPECT_EQ(sealed.find(plaintext), std::string::npos);
    }
    Result<std::string> opened = cipher.Open(sealed);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(PiiCipherTest, AConsigneeChangeIsStoredSealedAndReadBack) {
  PiiCipher::Key key;
  key.fill(9);
  const PiiCipher cipher(key);
  Order order;
  order.consignee = {"李四", "13912345678", {"湖南省", "长沙市", "岳麓区", "麓山南路1号", ""}};
  order.consignee_changes.push_back(
      {Timestamp{42},
       "user:cs",
       {"张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号", "310115"}},
       order.consignee});
  const std::string doc = EncodeOrderDoc(order, cipher);
  for (std::string_view personal : {"张三", "13812345678", "世纪大道100号", "麓山南路1号"}) {
    EXPECT_EQ(doc.find(personal), std::string::npos) << personal;
  }
  Result<Order> decoded = DecodeOrderDoc(doc, cipher);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->consignee_changes.size(), 1u);
  const ConsigneeChange& change = decoded->consignee_changes[0];
  EXPECT_EQ(change.at.unix_ms, 42);
  EXPECT_EQ(change.actor, "user:cs");
  EXPECT_EQ(change.before.address.detail, "世纪大道100号");
  EXPECT_EQ(change.before.address.division_code, "310115");
  EXPECT_EQ(change.after.phone, "13912345678");
  Order plain;
  EXPECT_EQ(EncodeOrderDoc(plain, cipher).find("consignee_changes"), std::string::npos)
      << "written only once the consignee changed";
}

TEST(PiiCipherTest, EmptyStaysEmpty) {
  PiiCipher cipher(KeyOf(1));
  EXPECT_EQ(cipher.Seal(""), "");
  Result<std::string> opened = cipher.Open("");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "");
}

TEST(PiiCipherTest, TheSamePlaintextSealsDifferentlyEachTime) {
  PiiCipher cipher(KeyOf(1));
  EXPECT_NE(cipher.Seal("13812345678"), cipher.Seal("13812345678"));
}

TEST(PiiCipherTest, TamperingIsDetected) {
  PiiCipher cipher(KeyOf(1));
  const std::string sealed = cipher.Seal("13812345678");
  // Flip one base64 character in the nonce, the ciphertext and the tag in turn.
  for (size_t position : {size_t{5}, sealed.size() / 2, sealed.size() - 3}) {
    std::string altered = sealed;
    altered[position] = altered[position] == 'A' ? 'B' : 'A';
    Result<std::string> opened = cipher.Open(altered);
    ASSERT_FALSE(opened.ok()) << "position " << position;
    EXPECT_EQ(opened.status().code(), Code::kInternal);
    EXPECT_EQ(opened.status().message().find("13812345678"), std::string::npos);
  }
  EXPECT_EQ(cipher.Open(sealed.substr(0, sealed.size() - 4)).status().code(), Code::kInternal);
  EXPECT_EQ(cipher.Open("v1:not base64!").status().code(), Code::kInternal);
  EXPECT_EQ(cipher.Open("13812345678").status().code(), Code::kInternal) << "plaintext";
}

TEST(PiiCipherTest, AnotherKeyIsRefused) {
  PiiCipher writer(KeyOf(1));
  PiiCipher reader(KeyOf(2));
  Result<std::string> opened = reader.Open(writer.Seal("张三"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kInternal);
}

TEST(PiiCipherTest, BlindIndexIsDeterministicAndKeyDependent) {
  PiiCipher cipher(KeyOf(1));
  PiiCipher same_key(KeyOf(1));
  PiiCipher other_key(KeyOf(2));
  const std::string index = cipher.BlindIndex("13812345678");
  EXPECT_EQ(index, cipher.BlindIndex("13812345678"));
  EXPECT_EQ(index, same_key.BlindIndex("13812345678"));
  EXPECT_NE(index, other_key.BlindIndex("13812345678"));
  EXPECT_NE(index, cipher.BlindIndex("13812345679"));
  EXPECT_EQ(index.find("13812345678"), std::string::npos);
  EXPECT_EQ(index.find_first_not_of("0123456789abcdef"), std::string::npos) << index;
}

TEST(PiiCipherTest, HexKeysAreParsedStrictly) {
  const PiiCipher::Key key = PiiCipher::NewKey();
  const std::string hex = PiiCipher::KeyToHex(key);
  ASSERT_EQ(hex.size(), 64u);
  Result<PiiCipher::Key> parsed = PiiCipher::ParseHexKey(hex);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, key);
  EXPECT_FALSE(PiiCipher::ParseHexKey(hex.substr(0, 62)).ok());
  EXPECT_FALSE(PiiCipher::ParseHexKey(hex + "00").ok());
  EXPECT_FALSE(PiiCipher::ParseHexKey(std::string(63, 'a') + "g").ok());
  EXPECT_NE(PiiCipher::NewKey(), key);
}

}  // namespace
}  // namespace ordo
