#include "app/waybills.h"

#include <algorithm>

#include "app/settings.h"
#include "domain/payment/payment.h"

namespace ordo::app {
namespace {

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return upper;
}

// The carrier's numbers left across its ranges.
int64_t Remaining(const std::vector<WaybillRange>& ranges) {
  int64_t remaining = 0;
  for (const WaybillRange& range : ranges) {
    remaining += range.remaining();
  }
  return remaining;
}

// Records the crossing of the threshold: once, by the draw that reaches it.
Status NoteIfLow(WriteTx& tx, const Settings& settings, const std::string& carrier,
                 int64_t remaining, const Actor& actor, std::vector<WaybillStock>* low) {
  if (remaining > settings.waybill_low_threshold) {
    return Status::Ok();
  }
  WaybillStock stock{carrier, remaining, settings.waybill_low_threshold, 0};
  if (remaining == settings.waybill_low_threshold) {
    ORDO_RETURN_IF_ERROR(tx.fulfillment().RecordWaybillsLow(stock, actor.name, actor.at));
  }
  if (low != nullptr) {
    auto known = std::find_if(low->begin(), low->end(),
                              [&](const WaybillStock& s) { return s.carrier == carrier; });
    if (known == low->end()) {
      low->push_back(stock);
    } else {
      *known = stock;
    }
  }
  return Status::Ok();
}

}  // namespace

void CarrierAdapters::Add(std::shared_ptr<CarrierAdapter> adapter) {
  const std::string key = Upper(adapter->carrier());
  adapters_[key] = std::move(adapter);
}

CarrierAdapter* CarrierAdapters::Find(std::string_view carrier) const {
  auto it = adapters_.find(Upper(carrier));
  return it == adapters_.end() ? nullptr : it->second.get();
}

std::vector<std::string> CarrierAdapters::carriers() const {
  std::vector<std::string> carriers;
  for (const auto& [key, adapter] : adapters_) {
    carriers.push_back(adapter->carrier());
  }
  return carriers;
}

WriteFn LoadWaybillRange(WaybillRange range, CommandContext context,
                         std::shared_ptr<WaybillRange> out) {
  return [range = std::move(range), context, out](WriteTx& tx) mutable -> Status {
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    std::optional<std::string> carrier = ConfiguredCarrier(settings.carrier_rules, range.carrier);
    if (!range.carrier.empty() && !carrier) {
      return Status::Invalid("carrier", Code::kUnknownCarrier,
                             "no carrier rule names " + range.carrier +
                                 ": waybill ranges are loaded for configured carriers");
    }
    range.carrier = carrier.value_or("");
    ORDO_RETURN_IF_ERROR(PrepareWaybillRange(range));
    ORDO_ASSIGN_OR_RETURN(std::vector<WaybillRange> loaded,
                          tx.fulfillment().FindWaybillRanges(range.carrier, false));
    for (const WaybillRange& other : loaded) {
      if (WaybillRangesOverlap(range, other)) {
        return Status::Conflict(Code::kAlreadyExists,
                                "the range overlaps range " + std::to_string(other.id) + " of " +
                                    other.carrier + " (" + other.Format(other.first_no) + "–" +
                                    other.Format(other.last_no) + ")");
      }
    }
    const Actor actor = context.Now();
    range.loaded_at = actor.at;
    range.loaded_by = actor.name;
    ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertWaybillRange(range));
    *out = range;
    return Status::Ok();
  };
}

Result<std::string> DrawWaybill(WriteTx& tx, const Settings& settings, const std::string& carrier,
                                int64_t shipment_id, int box_no, const CommandContext& context,
                                std::vector<WaybillStock>* low) {
  if (context.carrier_adapters != nullptr && context.carrier_adapters->Find(carrier) != nullptr) {
    return std::string();  // the carrier's system issues it (FetchCarrierWaybills)
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<WaybillRange> ranges,
                        tx.fulfillment().FindWaybillRanges(carrier, true));
  const Actor actor = context.Now();
  for (WaybillRange& range : ranges) {
    while (range.remaining() > 0) {
      const std::string number = range.Format(range.next_no);
      const IssuedWaybill issued{carrier, number,   shipment_id, box_no,
                                 "range", range.id, actor.at,    actor.name};
      range.next_no += 1;
      ORDO_RETURN_IF_ERROR(tx.fulfillment().AdvanceWaybillRange(range.id, range.next_no));
      ORDO_ASSIGN_OR_RETURN(const bool inserted, tx.fulfillment().InsertIssuedWaybill(issued));
      if (inserted) {
        ORDO_RETURN_IF_ERROR(NoteIfLow(tx, settings, carrier, Remaining(ranges), actor, low));
        return number;
      }
      // Issued before (named by staff or by the carrier): skipped, never handed out twice.
    }
  }
  return Status::Conflict(Code::kNoWaybillNumbers,
                          "no waybill numbers are left for " + carrier +
                              ": load the next range the carrier allotted "
                              "(POST /api/v1/waybill-ranges or ordo waybill load)");
}

Status RegisterWaybill(WriteTx& tx, const std::string& carrier, const std::string& tracking_no,
                       int64_t shipment_id, int box_no, const std::string& source,
                       const Actor& actor) {
  const IssuedWaybill issued{carrier, tracking_no, shipment_id, box_no,
                             source,  0,           actor.at,    actor.name};
  ORDO_ASSIGN_OR_RETURN(const bool inserted, tx.fulfillment().InsertIssuedWaybill(issued));
  if (!inserted) {
    return Status::Conflict(Code::kAlreadyExists, "waybill number " + tracking_no + " of " +
                                                      carrier + " was issued to another parcel");
  }
  return Status::Ok();
}

Result<std::vector<WaybillStock>> ListWaybillStocks(ReadView& reads) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(reads));
  ORDO_ASSIGN_OR_RETURN(std::vector<WaybillRange> ranges,
                        reads.fulfillment().ListWaybillRanges(""));
  return WaybillStocks(ConfiguredCarriers(settings.carrier_rules), ranges,
                       settings.waybill_low_threshold);
}

Result<std::string> CarrierFilter(ReadView& reads, const std::string& carrier) {
  if (carrier.empty()) {
    return carrier;
  }
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(reads));
  return ConfiguredCarrier(settings.carrier_rules, carrier).value_or(carrier);
}

namespace {

// What the carrier's system needs for box `box_no` of `parcel`.
WaybillRequest RequestFor(const Shipment& parcel, const Order& order, int box_no) {
  const Address& to = order.consignee.address;
  const int64_t goods_per_box =
      parcel.expected_weight_g() / static_cast<int64_t>(parcel.box_list().size());
  const ParcelBox box = parcel.box_list().at(static_cast<size_t>(box_no - 1));
  return WaybillRequest{parcel.carrier,
                        parcel.order_no,
                        parcel.id,
                        box_no,
                        parcel.warehouse,
                        to.province,
                        to.city,
                        to.district,
                        box.weight_g > 0 ? box.weight_g : goods_per_box + box.packaging_g,
                        order.shipping_service,
                        box_no == 1 ? CodAmountOfParcel(order, parcel) : 0};
}

}  // namespace

Result<int> FetchCarrierWaybills(Store& store, const CarrierAdapters& adapters,
                                 const CommandContext& context, int limit) {
  int numbered = 0;
  for (const std::string& carrier : adapters.carriers()) {
    CarrierAdapter* adapter = adapters.Find(carrier);
    ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> waiting,
                          store.reads().fulfillment().ListShipmentsAwaitingWaybill(carrier, limit));
    bool reachable = true;
    for (const Shipment& parcel : waiting) {
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, store.reads().GetOrder(parcel.order_no));
      if (!order || !reachable) {
        continue;
      }
      std::map<int, std::string> numbers;
      for (const ParcelBox& box : parcel.box_list()) {
        if (!box.tracking_no.empty()) {
          continue;
        }
        Result<std::string> number = adapter->RequestWaybill(RequestFor(parcel, *order, box.no));
        if (!number.ok()) {
          reachable = false;  // the carrier is not answering: its parcels wait for the next run
          break;
        }
        numbers.emplace(box.no, std::move(number).value());
      }
      if (!reachable) {
        continue;
      }
      const Status status = store.SubmitAndWait(RecordCarrierWaybills(
          parcel.id, std::move(numbers), context, std::make_shared<Shipment>()));
      numbered += status.ok() ? 1 : 0;
    }
  }
  return numbered;
}

WriteFn RecordCarrierWaybills(int64_t shipment_id, std::map<int, std::string> numbers,
                              CommandContext context, std::shared_ptr<Shipment> out) {
  return [shipment_id, numbers = std::move(numbers), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Shipment> parcel,
                          tx.fulfillment().FindShipment(shipment_id));
    if (!parcel) {
      return Status::NotFound("no shipment " + std::to_string(shipment_id));
    }
    if (parcel->status != ShipmentStatus::kPlanned && parcel->status != ShipmentStatus::kPacked) {
      return Status::Conflict(Code::kIllegalTransition,
                              "shipment " + std::to_string(shipment_id) + " has left");
    }
    const Actor actor = context.Now();
    std::vector<ParcelBox> boxes = parcel->box_list();
    for (ParcelBox& box : boxes) {
      auto number = numbers.find(box.no);
      if (box.tracking_no.empty() && number != numbers.end()) {
        ORDO_RETURN_IF_ERROR(RegisterWaybill(tx, parcel->carrier, number->second, parcel->id,
                                             box.no, "carrier", actor));
        box.tracking_no = number->second;
      }
    }
    parcel->boxes = std::move(boxes);
    parcel->tracking_no = parcel->boxes.front().tracking_no;
    ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(*parcel, parcel->status, "waybill",
                                                         actor.name, actor.at));
    *out = std::move(*parcel);
    return Status::Ok();
  };
}

}  // namespace ordo::app
