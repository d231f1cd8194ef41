// Test helpers: write a rendered PDF to a temporary file and read it back with poppler-utils
// (pdftotext, pdfinfo, pdffonts, pdfimages), as a person checking a printout would.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace ordo::documents::pdf_test {

// A PDF on disk for as long as the object lives.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    static int counter = 0;
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = ::testing::TempDir() + "ordo_" + test->test_suite_name() + "_" + test->name() + "_" +
            std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".pdf";
    std::ofstream out(path_, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_TRUE(out.good()) << "cannot write " << path_;
  }
  ~PdfFile() { std::remove(path_.c_str()); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The standard output of `command`; a failure to run it or a non-zero exit fails the test.
inline std::string Run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return output;
  }
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << command << " failed";
  return output;
}

// The text of every page, laid out as printed; pages are separated by form feeds.
inline std::string Text(const PdfFile& pdf) {
  return Run("pdftotext -layout '" + pdf.path() + "' - 2>&1");
}

// The text of each page.
inline std::vector<std::string> PageTexts(const PdfFile& pdf) {
  std::vector<std::string> pages;
  std::string text = Text(pdf);
  size_t start = 0;
  for (size_t feed = text.find('\f'); feed != std::string::npos; feed = text.find('\f', start)) {
    pages.push_back(text.substr(start, feed - start));
    start = feed + 1;
  }
  return pages;
}

inline std::string WithoutWhitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') {
      out += c;
    }
  }
  return out;
}

struct PageSize {
  double width_pt = 0;
  double height_pt = 0;
};

// The size of every page, from pdfinfo.
inline std::vector<PageSize> PageSizes(const PdfFile& pdf) {
  const std::string info = Run("pdfinfo -f 1 -l 100000 '" + pdf.path() + "' 2>&1");
  static const std::regex kSize(R"(Page +\d+ size: +([0-9.]+) x ([0-9.]+) pts)");
  std::vector<PageSize> sizes;
  for (auto it = std::sregex_iterator(info.begin(), info.end(), kSize);
       it != std::sregex_iterator(); ++it) {
    sizes.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
  }
  return sizes;
}

struct Font {
  std::string name;
  bool embedded = false;
  bool subset = false;
};

// The fonts pdffonts lists.
inline std::vector<Font> Fonts(const PdfFile& pdf) {
  std::istringstream lines(Run("pdffonts '" + pdf.path() + "' 2>&1"));
  std::vector<Font> fonts;
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    if (++number <= 2 || line.empty()) {
      continue;  // The column titles and the rule under them.
    }
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) {
      fields.push_back(word);
    }
    // ... emb sub uni object-number generation
    if (fields.size() < 6) {
      ADD_FAILURE() << "unexpected pdffonts line: " << line;
      continue;
    }
    const size_t n = fields.size();
    fonts.push_back({fields[0], fields[n - 5] == "yes", fields[n - 4] == "yes"});
  }
  return fonts;
}

// How many raster images the file holds (pdfimages -list prints two title lines first).
inline int ImageCount(const PdfFile& pdf) {
  std::istringstream lines(Run("pdfimages -list '" + pdf.path() + "' 2>&1"));
  int count = -2;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) {
      ++count;
    }
  }
  return count;
}

struct Word {
  std::string text;
  double x_min = 0;
  double y_min = 0;
  double x_max = 0;
  double y_max = 0;
};

// Every word with its bounding box in points from the page's top-left corner.
inline std::vector<Word> Words(const PdfFile& pdf) {
  const std::string html = Run("pdftotext -bbox '" + pdf.path() + "' - 2>&1");
  static const std::regex kWord(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" )re"
                                R"re(xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<Word> words;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kWord);
       it != std::sregex_iterator(); ++it) {
    words.push_back({(*it)[5], std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                     std::stod((*it)[4])});
  }
  return words;
}

// How often `needle` occurs in `haystack`.
inline int Count(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

}  // namespace ordo::documents::pdf_test
