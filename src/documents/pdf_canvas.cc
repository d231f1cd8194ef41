#include "documents/pdf_canvas.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>

#include "documents/format.h"

#if defined(__SANITIZE_ADDRESS__)
#define ORDO_LEAK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ORDO_LEAK_SANITIZER 1
#endif
#endif
#ifdef ORDO_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace ordo::documents {
namespace {

// `text` as cairo and Pango take it: valid UTF-8, with U+FFFD (the replacement character) for
// each byte that is not. Both refuse anything else: Pango drops the text, and a PDF surface
// given such metadata fails as a whole ("input string not valid UTF-8").
std::string ValidUtf8Text(std::string_view text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return std::string(text);
  }
  gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  return out;
}

// WenQuanYi Micro Hei (fonts-wqy-microhei) first: its TrueType outlines embed as a subset of
// the glyphs used, about 15 KB a page, where cairo 1.16 embeds Noto Sans CJK's CFF with all its
// subroutines (about 60 KB per weight, whatever the text). It has no bold: cairo emboldens the
// outlines. Noto Sans CJK SC (fonts-noto-cjk) covers what it lacks.
constexpr const char* kFontFamilies = "WenQuanYi Micro Hei,Noto Sans CJK SC,sans-serif";

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

int ToPango(double points) {
  return static_cast<int>(points * PANGO_SCALE + 0.5);
}

PangoAlignment ToPango(Align align) {
  switch (align) {
    case Align::kLeft:
      return PANGO_ALIGN_LEFT;
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

// Lays text out as it will be printed: unhinted metrics and unrounded glyph positions, so that
// the layout does not depend on a screen resolution, and Simplified Chinese glyph forms.
void ConfigureContext(PangoContext* context) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_context_set_language(context, pango_language_from_string("zh-cn"));
}

// The calling thread's font map. Pango font maps must not be shared between threads; each thread
// keeps its own for its whole life, so that fonts are looked up and loaded once, and releases it
// (with the fonts it cached) when the thread ends.
PangoFontMap* ThreadFontMap() {
  struct Owner {
    PangoFontMap* font_map = pango_cairo_font_map_new();
    ~Owner() { g_object_unref(font_map); }
  };
  thread_local Owner owner;
  return owner.font_map;
}

// Writes the rest of the PDF. cairo 1.16 loses 768 bytes here for each CFF font it embeds (Noto
// CJK, and the emboldened outlines it writes for bold WenQuanYi text), once per document: a library leak Ordo cannot free. LeakSanitizer is
// told to ignore what this one call allocates on this thread, so that leaks of Ordo's own, and
// of any other call, are still reported.
void FinishSurface(cairo_surface_t* surface) {
#ifdef ORDO_LEAK_SANITIZER
  __lsan::ScopedDisabler cairo_font_subset_leak;
#endif
  cairo_surface_finish(surface);
}

}  // namespace

PdfCanvas::PdfCanvas(double width_pt, double height_pt, const DocumentInfo& info)
    : width_pt_(width_pt), height_pt_(height_pt) {
  surface_ = cairo_pdf_surface_create_for_stream(AppendToString, &bytes_, width_pt, height_pt);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    status_ = Status::Internal(std::string("cannot create a PDF surface: ") +
                               cairo_status_to_string(cairo_surface_status(surface_)));
    return;
  }
  // The title comes from the document's fields (an order or wave number, a title given).
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE,
                                 ValidUtf8Text(info.title).c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Ordo");
  const std::string created = FormatChinaIso8601(info.created_at);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cr_ = cairo_create(surface_);
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) {
    status_ = Status::Internal(std::string("cannot draw on a PDF surface: ") +
                               cairo_status_to_string(cairo_status(cr_)));
    return;
  }
  PangoContext* context = pango_font_map_create_context(ThreadFontMap());
  pango_cairo_update_context(cr_, context);
  ConfigureContext(context);
  layout_ = pango_layout_new(context);
  g_object_unref(context);
  font_ = pango_font_description_from_string(kFontFamilies);
  if (layout_ == nullptr || font_ == nullptr) {
    status_ = Status::Internal("cannot set up text layout");
    return;
  }
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  cairo_set_source_rgb(cr_, 0, 0, 0);
}

PdfCanvas::~PdfCanvas() {
  if (layout_ != nullptr) {
    g_object_unref(layout_);
  }
  if (font_ != nullptr) {
    pango_font_description_free(font_);
  }
  if (cr_ != nullptr) {
    cairo_destroy(cr_);
  }
  if (surface_ != nullptr) {
    cairo_surface_destroy(surface_);
  }
}

void PdfCanvas::PrepareLayout(std::string_view text, double width_pt, const TextStyle& style,
                              double max_height_pt) {
  pango_font_description_set_absolute_size(font_, style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(font_, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout_, font_);
  pango_layout_set_width(layout_, width_pt > 0 ? ToPango(width_pt) : -1);
  pango_layout_set_alignment(layout_, ToPango(style.align));
  if (max_height_pt > 0) {
    pango_layout_set_height(layout_, ToPango(max_height_pt));
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
  } else if (style.max_lines > 0) {
    pango_layout_set_height(layout_, -style.max_lines);
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
  } else {
    pango_layout_set_height(layout_, -1);
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_NONE);
  }
  // Pango refuses text that is not UTF-8; such bytes are printed as replacement characters.
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
  } else {
    const std::string valid = ValidUtf8Text(text);
    pango_layout_set_text(layout_, valid.data(), static_cast<int>(valid.size()));
  }
}

double PdfCanvas::TextHeight(std::string_view text, double width_pt, const TextStyle& style) {
  PrepareLayout(text, width_pt, style, 0);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout_, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double PdfCanvas::TextWidth(std::string_view text, const TextStyle& style) {
  PrepareLayout(text, 0, style, 0);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout_, &width, &height);
  return static_cast<double>(width) / PANGO_SCALE;
}

double PdfCanvas::ShowPreparedLayout(double x, double y, const TextStyle& style) {
  if (style.white) {
    cairo_set_source_rgb(cr_, 1, 1, 1);
  }
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout_, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double PdfCanvas::DrawText(double x, double y, double width_pt, std::string_view text,
                           const TextStyle& style) {
  PrepareLayout(text, width_pt, style, 0);
  return ShowPreparedLayout(x, y, style);
}

double PdfCanvas::DrawTextFitted(const Box& box, std::string_view text, TextStyle style,
                                 double min_size_pt) {
  min_size_pt = std::min(min_size_pt, style.size_pt);
  while (style.size_pt - 0.5 >= min_size_pt && TextHeight(text, box.width, style) > box.height) {
    style.size_pt -= 0.5;
  }
  PrepareLayout(text, box.width, style, box.height);
  ShowPreparedLayout(box.x, box.y, style);
  return style.size_pt;
}

void PdfCanvas::StrokeRect(const Box& box, double line_width_pt) {
  cairo_set_line_width(cr_, line_width_pt);
  cairo_rectangle(cr_, box.x, box.y, box.width, box.height);
  cairo_stroke(cr_);
}

void PdfCanvas::FillRect(const Box& box) {
  cairo_rectangle(cr_, box.x, box.y, box.width, box.height);
  cairo_fill(cr_);
}

void PdfCanvas::HorizontalLine(double x1, double x2, double y, double line_width_pt) {
  cairo_set_line_width(cr_, line_width_pt);
  cairo_move_to(cr_, x1, y);
  cairo_line_to(cr_, x2, y);
  cairo_stroke(cr_);
}

void PdfCanvas::VerticalLine(double x, double y1, double y2, double line_width_pt) {
  cairo_set_line_width(cr_, line_width_pt);
  cairo_move_to(cr_, x, y1);
  cairo_line_to(cr_, x, y2);
  cairo_stroke(cr_);
}

void PdfCanvas::NextPage() {
  cairo_show_page(cr_);
}

Result<std::string> PdfCanvas::Finish() {
  ORDO_RETURN_IF_ERROR(status_);
  g_object_unref(layout_);
  layout_ = nullptr;
  cairo_status_t drawing = cairo_status(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  FinishSurface(surface_);
  cairo_status_t writing = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (drawing != CAIRO_STATUS_SUCCESS || writing != CAIRO_STATUS_SUCCESS) {
    status_ = Status::Internal(
        std::string("cannot write the PDF: ") +
        cairo_status_to_string(drawing != CAIRO_STATUS_SUCCESS ? drawing : writing));
    return status_;
  }
  status_ = Status::Internal("the document is already finished");
  return std::move(bytes_);
}

}  // namespace ordo::documents
