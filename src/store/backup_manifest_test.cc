#include "store/backup_manifest.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

BackupManifest Sample() {
  BackupManifest manifest;
  manifest.created_at = Timestamp{1796000000000};
  manifest.schema_version = 24;
  manifest.ordo_version = "0.1.0";
  manifest.tables = {{"audit_log", 12}, {"orders", 3}};
  manifest.files = {{"ordo.db", 4096, Sha256Hex("db")},
                    {"audit-checkpoints.log", 10, Sha256Hex("log")}};
  manifest.content_bytes = 4106;
  manifest.content_sha256 = Sha256Hex("content");
  manifest.compressed_bytes = 900;
  manifest.compressed_sha256 = Sha256Hex("compressed");
  return manifest;
}

TEST(BackupManifest, ReadsBackWhatWasWritten) {
  const BackupManifest manifest = Sample();
  Result<BackupManifest> read = ParseBackupManifest(EncodeBackupManifest(manifest));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->created_at, manifest.created_at);
  EXPECT_EQ(read->schema_version, 24);
  EXPECT_EQ(read->tables, manifest.tables);
  ASSERT_EQ(read->files.size(), 2u);
  EXPECT_EQ(read->files[1].name, "audit-checkpoints.log");
  EXPECT_EQ(read->files[1].sha256, Sha256Hex("log"));
  EXPECT_EQ(read->content_sha256, manifest.content_sha256);
  EXPECT_EQ(read->compressed_bytes, 900);
}

TEST(BackupManifest, RefusesFilesThatDoNotAddUpToTheContent) {
  BackupManifest manifest = Sample();
  manifest.content_bytes = 4107;
  Result<BackupManifest> read = ParseBackupManifest(EncodeBackupManifest(manifest));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().field_errors().at(0).field, "files");
}

TEST(BackupManifest, NamesTheFieldAtFault) {
  std::string text = EncodeBackupManifest(Sample());
  const std::string good = Sha256Hex("compressed");
  text.replace(text.find(good), good.size(), std::string(64, 'G'));
  Result<BackupManifest> read = ParseBackupManifest(text);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().field_errors().at(0).field, "compressed_sha256");

  BackupManifest negative = Sample();
  negative.tables[1].second = -1;
  read = ParseBackupManifest(EncodeBackupManifest(negative));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().field_errors().at(0).field, "tables.orders");
}

TEST(BackupManifest, RefusesAFileNameOutsideTheDataDirectory) {
  BackupManifest manifest = Sample();
  manifest.files[0].name = "../pii.key";
  Result<BackupManifest> read = ParseBackupManifest(EncodeBackupManifest(manifest));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().field_errors().at(0).field, "files[0].name");
}

TEST(BackupManifest, TrailerReadsBackAndRefusesACutOne) {
  const std::string trailer = BackupTrailer(1234, Sha256Hex("x"));
  ASSERT_EQ(trailer.size(), kBackupTrailerBytes);
  auto read = ParseBackupTrailer(trailer);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->first, 1234);
  EXPECT_EQ(read->second, Sha256Hex("x"));
  EXPECT_FALSE(ParseBackupTrailer(trailer.substr(1) + "\n").ok());
  EXPECT_FALSE(ParseBackupTrailer(trailer.substr(0, trailer.size() - 1)).ok());
}

TEST(BackupManifest, Sha256MatchesTheKnownDigest) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 streamed;
  streamed.Update("a");
  streamed.Update("bc");
  EXPECT_EQ(streamed.HexDigest(), Sha256Hex("abc"));
}

}  // namespace
}  // namespace ordo
