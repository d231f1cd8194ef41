// Waves and storage locations.
#include <algorithm>
#include <tuple>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/settings.h"
#include "app/waybills.h"
#include "domain/order/money.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

constexpr int kMaxWaveOrders = 500;

Status CheckWaveInput(WriteTx& tx, const WaveInput& input, const Settings& settings) {
  std::vector<FieldError> errors;
  if (input.max_orders < 1 || input.max_orders > kMaxWaveOrders) {
    errors.push_back({"max_orders", Code::kInvalidValue, "max_orders must be 1..500"});
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(input.warehouse));
  if (!warehouse) {
    errors.push_back({"warehouse", Code::kUnknownWarehouse, "no warehouse " + input.warehouse});
  }
  if (!input.carrier.empty()) {
    const bool known = std::any_of(
        settings.carrier_rules.begin(), settings.carrier_rules.end(),
        [&](const CarrierRule& rule) { return rule.carrier == input.carrier && rule.enabled; });
    if (!known) {
      errors.push_back(
          {"carrier", Code::kInvalidValue, "no enabled carrier rule names " + input.carrier});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Status::Ok();
}

// Whether `status` is a reason to leave an order out of a wave (it cannot be picked yet)
// rather than a fault of the wave itself.
bool LeavesOut(const Status& status) {
  if (status.kind() != Kind::kConflict) {
    return false;
  }
  switch (status.code()) {
    case Code::kOrderOnHold:
    case Code::kBackordered:
    case Code::kCodNotConfirmed:
    case Code::kPaymentDue:
    case Code::kNoEligibleCarrier:
    case Code::kNoWaybillNumbers:
      return true;
    default:
      return false;
  }
}

// The carrier and boxes of a parcel of the wave: with the wave's carrier when it named one,
// else the rules' cheapest, in the fewest boxes it takes (kNoEligibleCarrier when none does).
Status PlanWaveParcel(const Wave& wave, const Settings& settings, const Order& order,
                      Shipment& parcel) {
  ORDO_RETURN_IF_ERROR(PlanParcelBoxes(settings, order, wave.carrier, parcel));
  if (!wave.carrier.empty()) {
    parcel.carrier_reason = "named for wave " + wave.wave_no() + " by " + wave.created_by +
                            (parcel.boxes.size() > 1 ? "; " + parcel.carrier_reason : "");
  }
  return Status::Ok();
}

// Puts one order into the wave: starts its picking if it had not started, plans its parcel with
// a carrier and a waybill number (app/waybills.h). Refuses an order that cannot be picked yet
// (CheckPickable), that still owes money (domain/order/money.h: a supplement after a change;
// nothing goes to the warehouse unpaid), that no carrier takes, or whose carrier has no numbers
// left; the caller rolls back what it wrote.
Status AddToWave(WriteTx& tx, const Wave& wave, int position, const std::string& order_no,
                 const Settings& settings, const CommandContext& context, const Actor& actor,
                 WaveOutcome& out) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  ORDO_ASSERT(loaded.has_value());
  Order& order = *loaded;
  ORDO_RETURN_IF_ERROR(CheckPickable(order));
  ORDO_RETURN_IF_ERROR(CheckNothingDue(order));
  const int64_t loaded_version = order.version;
  Shipment parcel = PlanShipment(order, wave.warehouse, actor.at);
  parcel.wave_id = wave.id;
  parcel.wave_position = position;
  ORDO_RETURN_IF_ERROR(PlanWaveParcel(wave, settings, order, parcel));
  const std::vector<std::pair<std::string, std::string>> wave_details = {
      {"wave_id", std::to_string(wave.id)},
      {"wave_no", wave.wave_no()},
      {"warehouse", wave.warehouse}};
  Events events;
  if (order.status == OrderStatus::kAwaitingFulfillment) {
    ORDO_ASSIGN_OR_RETURN(events, StartPicking(order, actor));
    events.front().details = wave_details;
  } else {
    events.push_back(Note("added_to_wave", actor, wave_details));
  }
  ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertShipment(parcel, actor.name));
  ORDO_RETURN_IF_ERROR(NumberBoxes(tx, settings, context, parcel, &out.waybills_low));
  ORDO_RETURN_IF_ERROR(
      tx.fulfillment().UpdateShipment(parcel, parcel.status, "waybill", actor.name, actor.at));
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
  out.parcels.push_back(std::move(parcel));
  return Status::Ok();
}

// Looks at the orders waiting for the wave's warehouse, best first, page by page, until the
// wave is full or none is left: each joins it or is left out with its reason (one order that
// cannot be picked never stops the others).
Status FillWave(WriteTx& tx, const WaveInput& input, const Settings& settings,
                const CommandContext& context, const Actor& actor, WaveOutcome& out) {
  const size_t max_orders = static_cast<size_t>(input.max_orders);
  const int page = input.max_orders + 50;
  std::optional<WaveCandidate> after;
  while (out.parcels.size() < max_orders) {
    ORDO_ASSIGN_OR_RETURN(std::vector<WaveCandidate> candidates,
                          tx.fulfillment().FindWaveCandidates(input.warehouse, after, page));
    candidates = SelectWaveOrders(std::move(candidates), candidates.size());
    for (const WaveCandidate& candidate : candidates) {
      if (out.parcels.size() >= max_orders) {
        break;
      }
      const int position = static_cast<int>(out.parcels.size()) + 1;
      Status added = tx.RunNested([&](WriteTx& nested) {
        return AddToWave(nested, out.wave, position, candidate.order_no, settings, context, actor,
                         out);
      });
      if (LeavesOut(added)) {
        out.wave.left_out_count += 1;
        if (out.wave.left_out.size() < kMaxWaveLeftOutListed) {
          out.wave.left_out.push_back({candidate.order_no, added.code(), added.message()});
        }
        continue;
      }
      ORDO_RETURN_IF_ERROR(added);
    }
    if (candidates.size() < static_cast<size_t>(page)) {
      break;
    }
    after = candidates.back();
  }
  return Status::Ok();
}

}  // namespace

WriteFn CreateWave(WaveInput input, CommandContext context, std::shared_ptr<WaveOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    ORDO_RETURN_IF_ERROR(CheckWaveInput(tx, input, settings));
    const Actor actor = context.Now();
    out->wave =
        Wave{0, input.warehouse, input.carrier, input.max_orders, actor.at, actor.name, {}, 0};
    ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertWave(out->wave));
    out->parcels.clear();
    out->waybills_low.clear();
    ORDO_RETURN_IF_ERROR(FillWave(tx, input, settings, context, actor, *out));
    if (out->parcels.empty()) {
      return Status::Conflict(
          Code::kNothingToWave,
          "no order waiting for " + input.warehouse + " can be picked now" +
              (out->wave.left_out_count > 0
                   ? " (" + std::to_string(out->wave.left_out_count) + " left out: see left_out)"
                   : ""));
    }
    return tx.fulfillment().UpdateWaveLeftOut(out->wave);
  };
}

WriteFn SetStorageLocation(StorageLocation location, CommandContext context,
                           std::shared_ptr<StorageLocation> out) {
  return [location = std::move(location), context, out](WriteTx& tx) mutable -> Status {
    std::vector<FieldError> errors;
    if (location.location.empty() || location.location.size() > 32) {
      errors.push_back({"location", Code::kInvalidValue, "location must be 1-32 characters"});
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, tx.FindSku(location.sku));
    if (!sku) {
      errors.push_back({"sku", Code::kUnknownSku, "no SKU " + location.sku});
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(location.warehouse));
    if (!warehouse) {
      errors.push_back(
          {"warehouse", Code::kUnknownWarehouse, "no warehouse " + location.warehouse});
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    const Actor actor = context.Now();
    location.updated_at = actor.at;
    location.updated_by = actor.name;
    ORDO_RETURN_IF_ERROR(tx.fulfillment().SaveLocation(location));
    *out = location;
    return Status::Ok();
  };
}

}  // namespace ordo::app
