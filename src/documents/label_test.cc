#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "documents/documents.h"
#include "documents/pdf_test_util.h"

namespace ordo::documents {
namespace {

using pdf_test::PdfFile;

// 2026-11-26 14:05:00 China Standard Time.
constexpr Timestamp kPrintedAt{1795673100000};

const std::string kLongAddress =
    "广东省深圳市南山区粤海街道科技园社区科苑路15号科兴科学园B栋3单元12层1203室"
    "（请从北门进入，工作日放前台，周末请电话联系，勿放快递柜）";

ShippingLabel SampleLabel(const std::string& tracking_no = "SF1234567890123") {
  ShippingLabel label;
  label.carrier = "顺丰速运";
  label.service_level = "标准快递";
  label.tracking_no = tracking_no;
  label.qr_content = "https://track.example.com/" + tracking_no;
  label.sender = {"Ordo 上海一号仓", "021-6888 8888", "上海市浦东新区张江路 88 号 3 号库"};
  label.consignee = {"张*", "138****5678", "上海市 上海市 浦东新区 世纪大道100号 8楼 801室"};
  label.order_no = "20261126000042";
  label.weight_g = 1100;
  label.printed_at = kPrintedAt;
  label.priority = "加急";
  return label;
}

const FieldError* FindField(const Status& status, const std::string& field) {
  for (const FieldError& error : status.field_errors()) {
    if (error.field == field) {
      return &error;
    }
  }
  return nullptr;
}

TEST(Label, PrintsEveryFieldOnA100x150Page) {
  Result<std::string> pdf = RenderLabels({SampleLabel()}, LabelSize::k100x150);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::vector<pdf_test::PageSize> sizes = pdf_test::PageSizes(file);
  ASSERT_EQ(sizes.size(), 1u);
  EXPECT_NEAR(sizes[0].width_pt, 283.46, 0.05);
  EXPECT_NEAR(sizes[0].height_pt, 425.20, 0.05);
  const std::string text = pdf_test::Text(file);
  for (const char* expected :
       {"顺丰速运", "标准快递", "SF1234567890123", "加急", "张*", "138****5678", "世纪大道100号",
        "Ordo 上海一号仓", "021-6888 8888", "20261126000042", "1.1 kg", "2026-11-26 14:05"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in\n" << text;
  }
}

TEST(Label, ACashOnDeliveryBoxShowsTheMarkAndTheAmountToCollect) {
  ShippingLabel first = SampleLabel("JD0000000001");
  first.cash_on_delivery = true;
  first.cod_amount = 13200;
  first.piece = "1/2";
  first.master_tracking_no = "JD0000000001";
  ShippingLabel second = first;
  second.tracking_no = "JD0000000002";
  second.piece = "2/2";
  second.cod_amount = 0;
  for (LabelSize size : {LabelSize::k100x150, LabelSize::k76x130}) {
    Result<std::string> pdf = RenderLabels({first, second}, size);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    PdfFile file(*pdf);
    const std::vector<std::string> pages = pdf_test::PageTexts(file);
    ASSERT_EQ(pages.size(), 2u);
    for (const char* expected :
         {"代收", "代收货款：¥132.00", "第 1/2 件", "母单号：JD0000000001"}) {
      EXPECT_NE(pages[0].find(expected), std::string::npos) << expected << " in\n" << pages[0];
    }
    EXPECT_NE(pages[1].find("第 2/2 件"), std::string::npos) << pages[1];
    EXPECT_EQ(pages[1].find("¥132.00"), std::string::npos) << "collected once, on box 1";
    EXPECT_NE(pages[1].find("随母单"), std::string::npos) << pages[1];
  }
  ShippingLabel negative = first;
  negative.cod_amount = -1;
  const Status refused = RenderLabels({negative}, LabelSize::k100x150).status();
  ASSERT_NE(FindField(refused, "labels[0].cod_amount"), nullptr) << refused.ToString();
}

TEST(Label, SecondSizeIs76x130) {
  Result<std::string> pdf = RenderLabels({SampleLabel()}, LabelSize::k76x130);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::vector<pdf_test::PageSize> sizes = pdf_test::PageSizes(file);
  ASSERT_EQ(sizes.size(), 1u);
  EXPECT_NEAR(sizes[0].width_pt, 215.43, 0.05);
  EXPECT_NEAR(sizes[0].height_pt, 368.50, 0.05);
  const std::string text = pdf_test::Text(file);
  EXPECT_NE(text.find("SF1234567890123"), std::string::npos) << text;
  EXPECT_NE(text.find("20261126000042"), std::string::npos) << text;
}

TEST(Label, ThreeLabelsGiveThreePagesInOrder) {
  Result<std::string> pdf = RenderLabels(
      {SampleLabel("SF0000000001"), SampleLabel("SF0000000002"), SampleLabel("SF0000000003")},
      LabelSize::k100x150);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  EXPECT_EQ(pdf_test::PageSizes(file).size(), 3u);
  const std::vector<std::string> pages = pdf_test::PageTexts(file);
  ASSERT_EQ(pages.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const std::string own = "SF000000000" + std::to_string(i + 1);
    EXPECT_NE(pages[i].find(own), std::string::npos) << "page " << i + 1 << ":\n" << pages[i];
    EXPECT_EQ(pdf_test::Count(pages[i], "SF000000000"), 1) << pages[i];
  }
}

TEST(Label, LongAddressWrapsButIsPrintedWhole) {
  for (LabelSize size : {LabelSize::k100x150, LabelSize::k76x130}) {
    ShippingLabel label = SampleLabel();
    label.consignee.address = kLongAddress;
    Result<std::string> pdf = RenderLabels({label}, size);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    PdfFile file(*pdf);
    const std::string text = pdf_test::Text(file);
    // Not on one line, yet every character is there, in order, with no ellipsis.
    EXPECT_EQ(text.find(kLongAddress), std::string::npos) << text;
    EXPECT_NE(pdf_test::WithoutWhitespace(text).find(kLongAddress), std::string::npos) << text;
    EXPECT_EQ(text.find("…"), std::string::npos) << text;
  }
}

TEST(Label, EveryWordStaysInsideTheLabelFrame) {
  ShippingLabel label = SampleLabel();
  label.consignee.address = kLongAddress + kLongAddress + kLongAddress;
  label.sender.address = kLongAddress;
  label.carrier = "顺丰速运（同城即日达特快专递服务）";
  for (LabelSize size : {LabelSize::k100x150, LabelSize::k76x130}) {
    Result<std::string> pdf = RenderLabels({label}, size);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    PdfFile file(*pdf);
    const pdf_test::PageSize page = pdf_test::PageSizes(file).at(0);
    const double margin = size == LabelSize::k100x150 ? 8.5 : 7.0;  // The frame, in points.
    const std::vector<pdf_test::Word> words = pdf_test::Words(file);
    ASSERT_GT(words.size(), 10u);
    for (const pdf_test::Word& word : words) {
      EXPECT_GE(word.x_min, margin) << word.text;
      EXPECT_GE(word.y_min, margin) << word.text;
      EXPECT_LE(word.x_max, page.width_pt - margin) << word.text;
      EXPECT_LE(word.y_max, page.height_pt - margin) << word.text;
    }
  }
}

TEST(Label, BarcodesAreVectorsAndTheFontIsAnEmbeddedSubset) {
  Result<std::string> pdf = RenderLabels({SampleLabel()}, LabelSize::k100x150);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  EXPECT_EQ(pdf_test::ImageCount(file), 0);
  const std::vector<pdf_test::Font> fonts = pdf_test::Fonts(file);
  ASSERT_FALSE(fonts.empty());
  for (const pdf_test::Font& font : fonts) {
    EXPECT_TRUE(font.embedded) << font.name;
    EXPECT_TRUE(font.subset) << font.name;
    // WenQuanYi Micro Hei, and the outlines cairo emboldens from it for bold text.
    EXPECT_TRUE(font.name.find("WenQuanYiMicroHei") != std::string::npos ||
                font.name.find("CairoFont") != std::string::npos)
        << font.name;
  }
}

TEST(Label, EmptyListIsRefused) {
  Result<std::string> pdf = RenderLabels({}, LabelSize::k100x150);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().kind(), Kind::kInvalid);
  const FieldError* error = FindField(pdf.status(), "labels");
  ASSERT_NE(error, nullptr) << pdf.status().ToString();
  EXPECT_EQ(error->code, Code::kRequired);
}

TEST(Label, EmptyTrackingNumberIsRefusedByPosition) {
  Result<std::string> pdf =
      RenderLabels({SampleLabel(), SampleLabel(""), SampleLabel()}, LabelSize::k100x150);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), Code::kValidationFailed);
  ASSERT_EQ(pdf.status().field_errors().size(), 1u) << pdf.status().ToString();
  EXPECT_EQ(pdf.status().field_errors()[0].field, "labels[1].tracking_no");
  EXPECT_EQ(pdf.status().field_errors()[0].code, Code::kRequired);
}

TEST(Label, TrackingNumberCode128CannotEncodeIsRefused) {
  Result<std::string> pdf = RenderLabels({SampleLabel("顺丰123")}, LabelSize::k100x150);
  ASSERT_FALSE(pdf.ok());
  const FieldError* error = FindField(pdf.status(), "labels[0].tracking_no");
  ASSERT_NE(error, nullptr) << pdf.status().ToString();
  EXPECT_EQ(error->code, Code::kInvalidValue);
}

TEST(Label, TrackingNumberTooLongForAReadableBarcodeIsRefused) {
  const std::string tracking_no(60, 'X');  // Fits the 100 mm label only with 0.12 mm bars.
  Result<std::string> pdf = RenderLabels({SampleLabel(tracking_no)}, LabelSize::k100x150);
  ASSERT_FALSE(pdf.ok());
  const FieldError* error = FindField(pdf.status(), "labels[0].tracking_no");
  ASSERT_NE(error, nullptr) << pdf.status().ToString();
  EXPECT_EQ(error->code, Code::kInvalidValue);
}

TEST(Label, MissingConsigneeAndNegativeWeightAreAllNamed) {
  ShippingLabel label = SampleLabel();
  label.consignee = {};
  label.weight_g = -1;
  label.carrier = " ";
  Result<std::string> pdf = RenderLabels({label}, LabelSize::k76x130);
  ASSERT_FALSE(pdf.ok());
  for (const char* field : {"labels[0].consignee.name", "labels[0].consignee.address",
                            "labels[0].weight_g", "labels[0].carrier"}) {
    EXPECT_NE(FindField(pdf.status(), field), nullptr) << field << ": " << pdf.status().ToString();
  }
}

TEST(Label, SameInputGivesTheSameBytesOnAnyThread) {
  const std::vector<ShippingLabel> labels = {SampleLabel(), SampleLabel("YT9876543210")};
  std::string first;
  std::string second;
  std::thread a([&] { first = RenderLabels(labels, LabelSize::k100x150).value(); });
  std::thread b([&] { second = RenderLabels(labels, LabelSize::k100x150).value(); });
  a.join();
  b.join();
  ASSERT_FALSE(first.empty());
  EXPECT_TRUE(first == second) << "outputs differ: " << first.size() << " vs " << second.size();
  EXPECT_TRUE(first == RenderLabels(labels, LabelSize::k100x150).value());
}

// Prints the size of one label and the time per label of a wave's worth; asserts only the
// page count, since timings depend on the machine.
TEST(Label, ReportsSizeAndRenderTime) {
  const std::string single = RenderLabels({SampleLabel()}, LabelSize::k100x150).value();
  std::vector<ShippingLabel> wave;
  for (int i = 0; i < 40; ++i) {
    wave.push_back(SampleLabel("SF10000000" + std::to_string(1000 + i)));
  }
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> pdf = RenderLabels(wave, LabelSize::k100x150);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  EXPECT_EQ(pdf_test::PageSizes(file).size(), wave.size());
  const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  std::cout << "one 100x150 label: " << single.size() << " bytes; " << wave.size()
            << " labels: " << pdf->size() << " bytes, " << ms / wave.size() << " ms per label\n";
}

}  // namespace
}  // namespace ordo::documents
