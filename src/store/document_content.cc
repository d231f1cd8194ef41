#include "store/document_content.h"

#include <sodium.h>

#include "base/json_writer.h"
#include "domain/order/money.h"

namespace ordo {
namespace {

std::string Detail(const OrderEvent& event, std::string_view key) {
  for (const auto& [name, value] : event.details) {
    if (name == key) {
      return value;
    }
  }
  return "";
}

// The opening every document shares: what it is, which layout renders it, whose order.
void Head(JsonWriter& out, DocumentClass document_class, std::string_view template_name,
          const std::string& order_no, Timestamp at) {
  out.BeginObject()
      .Field("class", DocumentClassName(document_class))
      .Field("template", template_name)
      .Field("order_no", order_no)
      .Field("issued_at", FormatRfc3339(at));
}

void Lines(JsonWriter& out, const Order& order, std::string_view warehouse) {
  out.Key("lines").BeginArray();
  for (const OrderLine& line : order.lines) {
    Quantity quantity = line.quantity;
    if (!warehouse.empty()) {
      quantity = 0;
      for (const Allocation& allocation : line.allocations) {
        quantity += allocation.warehouse == warehouse ? allocation.quantity : 0;
      }
      if (quantity == 0) {
        continue;
      }
    }
    out.BeginObject()
        .Field("line_no", line.line_no)
        .Field("sku", line.sku)
        .Field("name", line.name)
        .Field("spec", line.spec)
        .Field("quantity", static_cast<int64_t>(quantity))
        .Field("unit_price_amount", line.unit_price_amount)
        .EndObject();
  }
  out.EndArray();
}

void Region(JsonWriter& out, const Address& address) {
  out.Key("region")
      .BeginObject()
      .Field("province", address.province)
      .Field("city", address.city)
      .Field("district", address.district)
      .Field("division_code", address.division_code)
      .EndObject();
}

// The personal part: the only object a reader masks.
void Personal(JsonWriter& out, const Order& order, bool with_customer) {
  out.Key("personal").BeginObject();
  if (with_customer) {
    out.Field("customer_name", order.customer.name).Field("customer_phone", order.customer.phone);
  }
  out.Field("consignee_name", order.consignee.name)
      .Field("consignee_phone", order.consignee.phone)
      .Field("address_detail", order.consignee.address.detail)
      .EndObject();
}

DocumentDraft Draft(DocumentClass document_class, std::string source_ref, JsonWriter& out,
                    std::string template_name, const std::string& actor, Timestamp at) {
  return DocumentDraft{document_class, std::move(source_ref), std::move(template_name), out.Take(),
                       actor, at};
}

std::string TemplateOf(DocumentClass document_class) {
  return std::string(DocumentClassName(document_class)) + "/1";
}

DocumentDraft Confirmation(const Order& order, const OrderEvent& event) {
  const DocumentClass c = DocumentClass::kOrderConfirmation;
  JsonWriter out;
  Head(out, c, TemplateOf(c), order.order_no, event.at);
  out.Field("channel", order.channel)
      .Field("external_id", order.external_id)
      .Field("created_at", FormatRfc3339(order.created_at))
      .Field("payment_method", PaymentMethodName(order.payment_method))
      .Field("currency", std::string_view(order.currency.code))
      .Field("shipping_service", order.shipping_service);
  Lines(out, order, "");
  out.Field("total_amount", order.total_amount).Field("paid_amount", order.paid_amount);
  Region(out, order.consignee.address);
  Personal(out, order, true);
  out.EndObject();
  return Draft(c, "order", out, TemplateOf(c), event.actor, event.at);
}

DocumentDraft PackingSlip(const Order& order, const OrderEvent& event) {
  const DocumentClass c = DocumentClass::kPackingSlip;
  const std::string warehouse = Detail(event, "warehouse");
  JsonWriter out;
  Head(out, c, TemplateOf(c), order.order_no, event.at);
  out.Field("warehouse", warehouse)
      .Field("shipment_id", Detail(event, "shipment_id"))
      .Field("boxes", Detail(event, "boxes"))
      .Field("weight_g", Detail(event, "parcel_weight_g"))
      .Field("expected_weight_g", Detail(event, "parcel_expected_weight_g"));
  Lines(out, order, warehouse);
  Region(out, order.consignee.address);
  Personal(out, order, false);
  out.EndObject();
  return Draft(c, "parcel:" + Detail(event, "shipment_id"), out, TemplateOf(c), event.actor,
               event.at);
}

DocumentDraft Waybill(const Order& order, const OrderEvent& event) {
  const DocumentClass c = DocumentClass::kWaybill;
  const bool parcel = event.type == "parcel_shipped";
  const std::string carrier = parcel ? Detail(event, "carrier") : order.carrier;
  const std::string tracking_no = parcel ? Detail(event, "tracking_no") : order.tracking_no;
  const bool cod = order.payment_method == PaymentMethod::kCod;
  JsonWriter out;
  Head(out, c, TemplateOf(c), order.order_no, event.at);
  out.Field("carrier", carrier)
      .Field("tracking_no", tracking_no)
      .Field("warehouse", Detail(event, "warehouse"))
      .Field("shipment_id", Detail(event, "shipment_id"))
      .Field("shipping_service", order.shipping_service)
      .Field("cod_amount", cod ? order.total_amount - order.paid_amount : int64_t{0});
  Region(out, order.consignee.address);
  Personal(out, order, false);
  out.EndObject();
  return Draft(c, "parcel:" + Detail(event, "shipment_id"), out, TemplateOf(c), event.actor,
               event.at);
}

DocumentDraft Invoice(const Order& order, const OrderEvent& event) {
  const DocumentClass c = DocumentClass::kInvoice;
  JsonWriter out;
  Head(out, c, TemplateOf(c), order.order_no, event.at);
  out.Field("channel", order.channel)
      .Field("currency", std::string_view(order.currency.code))
      .Field("payment_method", PaymentMethodName(order.payment_method));
  Lines(out, order, "");
  out.Field("total_amount", order.total_amount)
      .Field("paid_amount", order.paid_amount)
      .Field("refunded_amount", order.refunded_amount)
      .Key("personal")
      .BeginObject()
      .Field("buyer_name", order.customer.name)
      .EndObject()
      .EndObject();
  return Draft(c, "order", out, TemplateOf(c), event.actor, event.at);
}

}  // namespace

std::vector<DocumentDraft> DocumentsOfEvent(const Order& order, const OrderEvent& event) {
  std::vector<DocumentDraft> drafts;
  if (event.type == "approve") {
    drafts.push_back(Confirmation(order, event));
  } else if (event.type == "pack" || event.type == "parcel_packed") {
    drafts.push_back(PackingSlip(order, event));
  } else if (event.type == "ship" || event.type == "parcel_shipped") {
    drafts.push_back(Waybill(order, event));
    if (event.type == "ship") {
      drafts.push_back(Invoice(order, event));
    }
  }
  return drafts;
}

DocumentDraft RefundVoucher(const Refund& refund) {
  const DocumentClass c = DocumentClass::kRefundVoucher;
  const Timestamp at = refund.executed_at.value_or(refund.created_at);
  JsonWriter out;
  Head(out, c, TemplateOf(c), refund.order_no, at);
  out.Field("refund_id", refund.id)
      .Field("amount", refund.amount)
      .Field("cause", RefundCauseName(refund.cause))
      .Field("lines", refund.lines)
      .Field("after_sales_id", refund.after_sales_id)
      .Field("requested_at", FormatRfc3339(refund.created_at))
      .Field("requested_by", refund.created_by)
      .Field("approved_by", refund.decided_by)
      .Field("executed_by", refund.executed_by)
      .Field("provider_ref", refund.provider_ref)
      .EndObject();
  return Draft(c, "refund:" + std::to_string(refund.id), out, TemplateOf(c), refund.executed_by,
               at);
}

DocumentDraft ComplaintRecord(const Complaint& complaint) {
  const DocumentClass c = DocumentClass::kComplaintRecord;
  JsonWriter out;
  Head(out, c, TemplateOf(c), complaint.order_no, complaint.at);
  out.Field("complaint_id", complaint.id)
      .Field("member_id", complaint.member_id)
      .Field("category", complaint.category)
      .Field("recorded_by", complaint.created_by)
      .Key("personal")
      .BeginObject()
      .Field("note", complaint.note)
      .EndObject()
      .EndObject();
  return Draft(c, "complaint:" + std::to_string(complaint.id), out, TemplateOf(c),
               complaint.created_by, complaint.at);
}

DocumentDraft InspectionReport(const QualityReport& report) {
  const DocumentClass c = DocumentClass::kInspectionReport;
  JsonWriter out;
  Head(out, c, TemplateOf(c), report.order_no, report.reported_at);
  out.Field("quality_report_id", report.id)
      .Field("after_sales_id", report.case_id)
      .Field("sku", report.sku)
      .Field("quantity", static_cast<int64_t>(report.quantity))
      .Field("warehouse", report.warehouse)
      .Field("reason", report.reason)
      .Field("passed", report.passed)
      .Field("disposition", report.disposition)
      .Field("note", report.note)
      .Field("inspected_by", report.reported_by)
      .EndObject();
  return Draft(c, "quality_report:" + std::to_string(report.id), out, TemplateOf(c),
               report.reported_by, report.reported_at);
}

bool EndsOrder(const OrderEvent& event) {
  return event.to_status == "completed" || event.to_status == "closed" ||
         event.to_status == "cancelled";
}

}  // namespace ordo
