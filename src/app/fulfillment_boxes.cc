// The boxes of a parcel: planned with the carrier, weighed at packing, numbered from the carrier.
#include <algorithm>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"

namespace ordo::app::fulfillment_internal {
namespace {

std::vector<CarrierRule> RulesFor(const std::vector<CarrierRule>& rules,
                                  const std::string& carrier) {
  if (carrier.empty()) {
    return rules;
  }
  std::vector<CarrierRule> named;
  for (const CarrierRule& rule : rules) {
    if (rule.carrier == carrier) {
      named.push_back(rule);
    }
  }
  return named;
}

int64_t HeaviestUnit(const Shipment& parcel) {
  int64_t heaviest = 0;
  for (const ShipmentLine& line : parcel.lines) {
    heaviest = std::max(heaviest, line.unit_weight_g);
  }
  return heaviest;
}

Status CheckBoxes(const Settings& settings, const std::vector<BoxInput>& packed) {
  std::vector<FieldError> errors;
  if (packed.empty() || packed.size() > static_cast<size_t>(kMaxParcelBoxes)) {
    errors.push_back({"boxes", Code::kInvalidValue,
                      "a parcel goes out in 1.." + std::to_string(kMaxParcelBoxes) + " boxes"});
  }
  for (size_t i = 0; i < packed.size(); ++i) {
    const std::string at = "boxes[" + std::to_string(i) + "].";
    if (packed[i].weight_g <= 0) {
      errors.push_back({at + "weight_g", Code::kInvalidValue, "weight_g must be positive"});
    }
    if (!settings.PackagingWeight(packed[i].box)) {
      errors.push_back({at + "box", Code::kInvalidValue,
                        "no box type " + packed[i].box + " (settings box_types)"});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Status::Ok();
}

}  // namespace

Status PlanParcelBoxes(const Settings& settings, const Order& order, const std::string& carrier,
                       Shipment& parcel) {
  const CarrierRequest request{order.consignee.address.province, 0, order.shipping_service,
                               order.priority};
  ORDO_ASSIGN_OR_RETURN(BoxPlan plan, PlanBoxes(RulesFor(settings.carrier_rules, carrier), request,
                                                parcel.expected_weight_g(), HeaviestUnit(parcel),
                                                settings.packaging_weight_g, kMaxParcelBoxes));
  parcel.carrier = plan.choice.carrier;
  parcel.carrier_reason = plan.choice.reason;
  parcel.boxes.clear();
  for (int no = 1; no <= plan.boxes; ++no) {
    parcel.boxes.push_back(ParcelBox{no, "", "", settings.packaging_weight_g, 0});
  }
  parcel.tracking_no.clear();
  return Status::Ok();
}

Status NumberBoxes(WriteTx& tx, const Settings& settings, const CommandContext& context,
                   Shipment& parcel, std::vector<WaybillStock>* low) {
  if (parcel.boxes.empty()) {
    parcel.boxes.push_back(ParcelBox{1, parcel.tracking_no, "", 0, parcel.packed_weight_g});
  }
  parcel.boxes.front().tracking_no = parcel.tracking_no;
  for (ParcelBox& box : parcel.boxes) {
    if (box.tracking_no.empty()) {
      ORDO_ASSIGN_OR_RETURN(box.tracking_no, DrawWaybill(tx, settings, parcel.carrier, parcel.id,
                                                         box.no, context, low));
    }
  }
  parcel.tracking_no = parcel.boxes.front().tracking_no;
  return Status::Ok();
}

Status WeighBoxes(WriteTx& tx, const Settings& settings, const std::vector<BoxInput>& packed,
                  const CommandContext& context, Shipment& parcel) {
  ORDO_RETURN_IF_ERROR(CheckBoxes(settings, packed));
  std::vector<ParcelBox> before = parcel.box_list();
  std::vector<ParcelBox> boxes;
  int64_t total_g = 0;
  for (size_t i = 0; i < packed.size(); ++i) {
    const int no = static_cast<int>(i) + 1;
    const std::string number = i < before.size() ? before[i].tracking_no : "";
    boxes.push_back(ParcelBox{no, number, packed[i].box, *settings.PackagingWeight(packed[i].box),
                              packed[i].weight_g});
    total_g += packed[i].weight_g;
  }
  if (before.size() > packed.size()) {
    const Actor actor = context.Now();
    ORDO_RETURN_IF_ERROR(tx.fulfillment().VoidWaybills(
        parcel.id, static_cast<int>(packed.size()) + 1, actor.at, "box no longer sent"));
  }
  parcel.boxes = std::move(boxes);
  parcel.packed_weight_g = total_g;
  if (parcel.carrier.empty()) {
    return Status::Ok();  // numbered when it ships
  }
  const Status numbered = NumberBoxes(tx, settings, context, parcel);
  // A carrier out of numbers does not stop the packing: the boxes are numbered when it ships.
  return numbered.code() == Code::kNoWaybillNumbers ? Status::Ok() : numbered;
}

Status RaiseWeightCase(WriteTx& tx, Order& order, const Shipment& parcel, const WeightCheck& check,
                       const std::string& when, const Actor& actor, Events& events) {
  CaseDetails details = {{"warehouse", parcel.warehouse},
                         {"shipment_id", std::to_string(parcel.id)},
                         {"measured_g", std::to_string(check.measured_g)},
                         {"expected_g", std::to_string(check.expected_g)},
                         {"packaging_g", std::to_string(check.packaging_g)},
                         {"lower_g", std::to_string(check.lower_g)},
                         {"upper_g", std::to_string(check.upper_g)},
                         {"tolerance_percent", std::to_string(check.tolerance_percent)},
                         {"tolerance_g", std::to_string(check.tolerance_g)}};
  return RaiseCase(tx, order, "weight_mismatch", "parcel:" + parcel.warehouse,
                   "parcel from " + parcel.warehouse + " " + when + ": " + check.explanation, std::move(details),
                   actor, events)
      .status();
}

int64_t HeaviestBox(const Shipment& parcel) {
  int64_t heaviest = 0;
  for (const ParcelBox& box : parcel.box_list()) {
    heaviest = std::max(heaviest, box.weight_g);
  }
  return heaviest;
}

}  // namespace ordo::app::fulfillment_internal
