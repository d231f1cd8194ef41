#include "http/fulfillment_dto.h"

#include "http/dto.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::value Time(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

json::value TextOrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object Details(const CaseDetails& details) {
  json::object object;
  for (const auto& [key, value] : details) {
    object[key] = value;
  }
  return object;
}

std::string ServiceName(const std::string& service) {
  if (service == "economy") {
    return "经济快递";
  }
  if (service == "express") {
    return "特快专递";
  }
  if (service == "next_day") {
    return "次日达";
  }
  if (service == "same_day") {
    return "当日达";
  }
  return "标准快递";
}

std::string Region(const Address& address) {
  return address.province + " " + address.city + " " + address.district;
}

}  // namespace

json::object ShipmentToJson(const Shipment& shipment, const std::vector<TrackingEvent>* events) {
  json::array lines;
  for (const ShipmentLine& line : shipment.lines) {
    lines.push_back(json::object{{"sku", line.sku},
                                 {"name", line.name},
                                 {"spec", line.spec},
                                 {"quantity", line.quantity},
                                 {"unit_weight_g", line.unit_weight_g}});
  }
  json::array boxes;
  for (const ParcelBox& box : shipment.box_list()) {
    boxes.push_back(json::object{{"no", box.no},
                                 {"tracking_no", TextOrNull(box.tracking_no)},
                                 {"box", TextOrNull(box.box_type)},
                                 {"packaging_g", box.packaging_g},
                                 {"weight_g", box.weight_g}});
  }
  json::object object{
      {"id", shipment.id},
      {"order_no", shipment.order_no},
      {"warehouse", shipment.warehouse},
      {"wave_id", shipment.wave_id > 0 ? json::value(shipment.wave_id) : json::value(nullptr)},
      {"status", ShipmentStatusName(shipment.status)},
      {"carrier", TextOrNull(shipment.carrier)},
      {"carrier_reason", shipment.carrier_reason},
      {"tracking_no", TextOrNull(shipment.tracking_no)},
      {"lines", std::move(lines)},
      {"expected_weight_g", shipment.expected_weight_g()},
      {"packed_weight_g", shipment.packed_weight_g},
      {"boxes", std::move(boxes)},
      {"verified", shipment.verified},
      {"delayed", shipment.delayed},
      {"created_at", FormatRfc3339(shipment.created_at)},
      {"packed_at", Time(shipment.packed_at)},
      {"shipped_at", Time(shipment.shipped_at)},
      {"delivered_at", Time(shipment.delivered_at)},
      {"returned_at", Time(shipment.returned_at)},
      {"last_event_at", Time(shipment.last_event_at)},
      {"last_location", shipment.last_location},
      {"inspection", shipment.inspection.empty()
                         ? json::value(nullptr)
                         : json::value(json::object{{"passed", shipment.inspection == "passed"},
                                                    {"note", shipment.inspection_note}})}};
  if (events != nullptr) {
    json::array list;
    for (const TrackingEvent& event : *events) {
      list.push_back(TrackingEventToJson(event));
    }
    object["tracking_events"] = std::move(list);
  }
  return object;
}

json::object TrackingEventToJson(const TrackingEvent& event) {
  return json::object{{"event_id", event.event_id},
                      {"carrier", event.carrier},
                      {"tracking_no", event.tracking_no},
                      {"status", TrackingStatusName(event.status)},
                      {"at", FormatRfc3339(event.at)},
                      {"location", event.location},
                      {"received_at", FormatRfc3339(event.received_at)},
                      {"applied", event.applied},
                      {"note", TextOrNull(event.note)}};
}

json::object CaseToJson(const AbnormalCase& abnormal) {
  return json::object{{"id", abnormal.id},
                      {"order_no", abnormal.order_no},
                      {"type", abnormal.type},
                      {"subject", TextOrNull(abnormal.subject)},
                      {"severity", CaseSeverityName(abnormal.severity)},
                      {"blocking", abnormal.blocking},
                      {"explanation", abnormal.explanation},
                      {"details", Details(abnormal.details)},
                      {"status", CaseStatusName(abnormal.status)},
                      {"assignee", TextOrNull(abnormal.assignee)},
                      {"resolution", TextOrNull(abnormal.resolution)},
                      {"root_cause", TextOrNull(abnormal.root_cause)},
                      {"improvement", TextOrNull(abnormal.improvement)},
                      {"opened_at", FormatRfc3339(abnormal.opened_at)},
                      {"opened_by", abnormal.opened_by},
                      {"updated_at", FormatRfc3339(abnormal.updated_at)},
                      {"updated_by", abnormal.updated_by},
                      {"closed_at", Time(abnormal.closed_at)},
                      {"closed_by", TextOrNull(abnormal.closed_by)}};
}

json::object NotificationToJson(const Notification& notification) {
  return json::object{
      {"id", notification.id},
      {"order_no", notification.order_no},
      {"shipment_id",
       notification.shipment_id > 0 ? json::value(notification.shipment_id) : json::value(nullptr)},
      {"template", notification.template_key},
      {"language", notification.language},
      {"at", FormatRfc3339(notification.at)},
      {"created_by", notification.created_by}};
}

std::string_view WaveStatus(const std::vector<Shipment>& parcels) {
  for (const Shipment& parcel : parcels) {
    if (parcel.status == ShipmentStatus::kPlanned || parcel.status == ShipmentStatus::kPacked) {
      return "open";
    }
  }
  return "closed";
}

json::array WaveLeftOutToJson(const std::vector<WaveLeftOut>& left_out) {
  json::array list;
  for (const WaveLeftOut& entry : left_out) {
    list.push_back(json::object{
        {"order_no", entry.order_no}, {"code", CodeName(entry.code)}, {"message", entry.message}});
  }
  return list;
}

namespace {

// What a wave's answer and its entry in the list share.
json::object WaveHead(const Wave& wave, std::string_view status) {
  return json::object{{"id", wave.id},
                      {"wave_no", wave.wave_no()},
                      {"warehouse", wave.warehouse},
                      {"carrier", TextOrNull(wave.carrier)},
                      {"max_orders", wave.max_orders},
                      {"status", status},
                      {"left_out_count", wave.left_out_count},
                      {"created_at", FormatRfc3339(wave.created_at)},
                      {"created_by", wave.created_by}};
}

}  // namespace

json::object WaveSummaryToJson(const WaveSummary& summary) {
  json::object object = WaveHead(summary.wave, summary.waiting > 0 ? "open" : "closed");
  object["orders"] = summary.orders;
  object["waiting"] = summary.waiting;
  object["cancelled"] = summary.cancelled;
  object["href"] = "/api/v1/waves/" + std::to_string(summary.wave.id);
  return object;
}

json::object WaveToJson(const Wave& wave, const std::vector<Shipment>& parcels,
                        const std::vector<PickLine>& pick_lines) {
  json::array orders;
  json::array unlabelled;
  for (const Shipment& parcel : parcels) {
    orders.push_back(json::object{{"order_no", parcel.order_no},
                                  {"shipment_id", parcel.id},
                                  {"shipment_status", ShipmentStatusName(parcel.status)},
                                  {"carrier", TextOrNull(parcel.carrier)},
                                  {"carrier_reason", parcel.carrier_reason},
                                  {"tracking_no", TextOrNull(parcel.tracking_no)},
                                  {"boxes", parcel.box_list().size()},
                                  {"expected_weight_g", parcel.expected_weight_g()}});
    if (const std::string why = Unlabelled(parcel); !why.empty()) {
      unlabelled.push_back(json::object{
          {"order_no", parcel.order_no}, {"shipment_id", parcel.id}, {"message", why}});
    }
  }
  json::array picks;
  for (const PickLine& line : pick_lines) {
    json::array by_order;
    for (const auto& [order_no, quantity] : line.orders) {
      by_order.push_back(json::object{{"order_no", order_no}, {"quantity", quantity}});
    }
    picks.push_back(json::object{{"location", TextOrNull(line.location)},
                                 {"sku", line.sku},
                                 {"name", line.name},
                                 {"spec", line.spec},
                                 {"quantity", line.quantity},
                                 {"orders", std::move(by_order)}});
  }
  const std::string base = "/api/v1/waves/" + std::to_string(wave.id);
  json::object object = WaveHead(wave, WaveStatus(parcels));
  object["orders"] = std::move(orders);
  object["pick_list"] = std::move(picks);
  object["unlabelled"] = std::move(unlabelled);
  object["left_out"] = WaveLeftOutToJson(wave.left_out);
  object["documents"] = json::object{{"pick_list", base + "/pick-list.pdf"},
                                     {"packing_slips", base + "/packing-slips.pdf"},
                                     {"labels", base + "/labels.pdf"}};
  return object;
}

json::object WaybillRangeToJson(const WaybillRange& range) {
  return json::object{{"id", range.id},
                      {"carrier", range.carrier},
                      {"prefix", range.prefix},
                      {"first_no", range.first_no},
                      {"last_no", range.last_no},
                      {"digits", range.digits},
                      {"first", range.Format(range.first_no)},
                      {"last", range.Format(range.last_no)},
                      {"next", range.remaining() > 0 ? json::value(range.Format(range.next_no))
                                                     : json::value(nullptr)},
                      {"remaining", range.remaining()},
                      {"loaded_at", FormatRfc3339(range.loaded_at)},
                      {"loaded_by", range.loaded_by},
                      {"note", range.note}};
}

json::object WaybillStockToJson(const WaybillStock& stock) {
  std::string message;
  if (stock.remaining == 0) {
    message = stock.carrier +
              " has no waybill numbers left: its parcels are left out of waves "
              "until the carrier's next range is loaded";
  } else if (stock.low()) {
    message = stock.carrier + " has " + std::to_string(stock.remaining) +
              " waybill numbers left: ask the carrier for the next range";
  }
  return json::object{{"carrier", stock.carrier},     {"remaining", stock.remaining},
                      {"threshold", stock.threshold}, {"ranges", stock.ranges},
                      {"low", stock.low()},           {"message", TextOrNull(message)}};
}

json::object DeadlineToJson(const app::ShipDeadline& deadline, Timestamp now) {
  const int64_t remaining_ms = deadline.deadline.unix_ms - now.unix_ms;
  json::array warehouses;
  for (const std::string& warehouse : deadline.warehouses) {
    warehouses.emplace_back(warehouse);
  }
  return json::object{{"order_no", deadline.clock.order_no},
                      {"status", StatusName(deadline.clock.status)},
                      {"priority", deadline.clock.priority},
                      {"order_class", deadline.clock.order_class},
                      {"clock_started_at", FormatRfc3339(deadline.started_at)},
                      {"deadline", FormatRfc3339(deadline.deadline)},
                      {"remaining_minutes", remaining_ms / 60000},
                      {"overdue", remaining_ms < 0},
                      {"stage", deadline.responsible.stage},
                      {"department", deadline.responsible.department},
                      {"warehouses", std::move(warehouses)}};
}

documents::PickList PickListOf(const Wave& wave, const Warehouse& warehouse,
                               const std::vector<PickLine>& lines) {
  documents::PickList list;
  list.wave_no = wave.wave_no();
  list.warehouse = warehouse.code + " " + warehouse.name;
  list.carrier = wave.carrier;
  list.created_at = wave.created_at;
  for (const PickLine& line : lines) {
    documents::PickListLine printed{line.location.empty() ? "未设库位" : line.location,
                                    line.sku,
                                    line.name,
                                    line.spec,
                                    line.quantity,
                                    {}};
    for (const auto& [order_no, quantity] : line.orders) {
      printed.orders.push_back({order_no, quantity});
    }
    list.lines.push_back(std::move(printed));
  }
  return list;
}

std::vector<documents::PackingSlip> PackingSlipsOf(const std::vector<Shipment>& parcels,
                                                   const std::map<std::string, Order>& orders,
                                                   Timestamp now) {
  std::vector<documents::PackingSlip> slips;
  for (const Shipment& parcel : parcels) {
    auto order = orders.find(parcel.order_no);
    if (order == orders.end() || parcel.status == ShipmentStatus::kCancelled) {
      continue;  // a cancelled order is not packed: nothing of it is printed
    }
    const Order& o = order->second;
    documents::PackingSlip slip;
    slip.order_no = o.order_no;
    slip.channel = o.channel;
    slip.ordered_at = o.created_at;
    slip.consignee_name = MaskName(o.consignee.name);
    slip.consignee_phone = MaskPhone(o.consignee.phone);
    slip.region = Region(o.consignee.address);
    slip.note = o.buyer_note;
    slip.printed_at = now;
    for (const ShipmentLine& line : parcel.lines) {
      slip.lines.push_back({line.sku, line.name, line.spec, line.quantity});
    }
    slips.push_back(std::move(slip));
  }
  return slips;
}

std::vector<documents::ShippingLabel> LabelsOf(const std::vector<Shipment>& parcels,
                                               const std::map<std::string, Order>& orders,
                                               const Warehouse& sender,
                                               const std::vector<CarrierRule>& rules,
                                               Timestamp now) {
  std::vector<documents::ShippingLabel> labels;
  for (const Shipment& parcel : parcels) {
    auto order = orders.find(parcel.order_no);
    if (order == orders.end() || !Unlabelled(parcel).empty() ||
        parcel.status == ShipmentStatus::kCancelled) {
      continue;
    }
    const Order& o = order->second;
    const std::vector<ParcelBox> boxes = parcel.box_list();
    const int64_t goods_per_box = parcel.expected_weight_g() / static_cast<int64_t>(boxes.size());
    for (const ParcelBox& box : boxes) {
      documents::ShippingLabel label;
      label.carrier = CarrierName(rules, parcel.carrier);
      label.service_level = ServiceName(o.shipping_service);
      label.tracking_no = box.tracking_no;
      label.sender = {sender.name, sender.phone,
                      Region(sender.address) + " " + sender.address.detail};
      // A privacy waybill (隐私面单) hides part of the consignee's name and phone, never the
      // address the courier must find.
      label.consignee = {MaskName(o.consignee.name), MaskPhone(o.consignee.phone),
                         Region(o.consignee.address) + " " + o.consignee.address.detail};
      label.order_no = o.order_no;
      label.weight_g = box.weight_g > 0 ? box.weight_g : goods_per_box + box.packaging_g;
      label.printed_at = now;
      label.priority = o.priority >= 80 ? "加急" : "";
      label.cash_on_delivery = o.payment_method == PaymentMethod::kCod;
      label.cod_amount = box.no == 1 ? CodAmountOfParcel(o, parcel) : 0;
      if (boxes.size() > 1) {
        label.piece = std::to_string(box.no) + "/" + std::to_string(boxes.size());
        label.master_tracking_no = parcel.tracking_no;
      }
      labels.push_back(std::move(label));
    }
  }
  return labels;
}

std::string Unlabelled(const Shipment& parcel) {
  if (parcel.status == ShipmentStatus::kCancelled) {
    return "";
  }
  if (parcel.carrier.empty()) {
    return "no carrier takes the parcel: " + parcel.carrier_reason;
  }
  for (const ParcelBox& box : parcel.box_list()) {
    if (box.tracking_no.empty()) {
      return "box " + std::to_string(box.no) + " waits for its waybill number from " +
             parcel.carrier;
    }
  }
  return "";
}

}  // namespace ordo::http
