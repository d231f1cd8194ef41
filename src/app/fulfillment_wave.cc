// Waves and storage locations.
#include <algorithm>
#include <tuple>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/settings.h"
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

// Puts one order into the wave: starts its picking if it had not started, plans its parcel with
// a carrier and a waybill number. An order that still owes money (domain/order/money.h: a
// supplement after a change) stays out: nothing goes to the warehouse unpaid.
Status AddToWave(WriteTx& tx, const Wave& wave, int position, const std::string& order_no,
                 const Settings& settings, const Actor& actor, WaveOutcome& out) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  ORDO_ASSERT(loaded.has_value());
  Order& order = *loaded;
  if (!CheckNothingDue(order).ok()) {
    return Status::Ok();
  }
  const int64_t loaded_version = order.version;
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
  Shipment parcel = PlanShipment(order, wave.warehouse, actor.at);
  parcel.wave_id = wave.id;
  parcel.wave_position = position;
  if (!wave.carrier.empty()) {
    parcel.carrier = wave.carrier;
    parcel.carrier_reason = "named for wave " + wave.wave_no() + " by " + wave.created_by;
  } else {
    Result<std::pair<std::string, std::string>> choice =
        ChooseCarrierFor(settings, order, parcel.expected_weight_g());
    if (choice.ok()) {
      std::tie(parcel.carrier, parcel.carrier_reason) = *choice;
    } else {
      parcel.carrier_reason = choice.status().message();  // chosen again when it ships
    }
  }
  ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertShipment(parcel, actor.name));
  if (!parcel.carrier.empty()) {
    parcel.tracking_no = WaybillNumber(parcel.carrier, parcel.id);
    ORDO_RETURN_IF_ERROR(
        tx.fulfillment().UpdateShipment(parcel, parcel.status, "waybill", actor.name, actor.at));
  }
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
  out.parcels.push_back(std::move(parcel));
  return Status::Ok();
}

}  // namespace

WriteFn CreateWave(WaveInput input, CommandContext context, std::shared_ptr<WaveOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    ORDO_RETURN_IF_ERROR(CheckWaveInput(tx, input, settings));
    ORDO_ASSIGN_OR_RETURN(std::vector<WaveCandidate> candidates,
                          tx.fulfillment().FindWaveCandidates(input.warehouse, input.max_orders));
    candidates = SelectWaveOrders(std::move(candidates), static_cast<size_t>(input.max_orders));
    if (candidates.empty()) {
      return Status::Conflict(Code::kNothingToWave,
                              "no approved order waits for " + input.warehouse +
                                  " (held, backordered and already waved orders excluded)");
    }
    const Actor actor = context.Now();
    Wave& wave = out->wave;
    wave = Wave{0, input.warehouse, input.carrier, input.max_orders, actor.at, actor.name};
    ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertWave(wave));
    out->parcels.clear();
    for (size_t i = 0; i < candidates.size(); ++i) {
      ORDO_RETURN_IF_ERROR(AddToWave(tx, wave, static_cast<int>(out->parcels.size()) + 1,
                                     candidates[i].order_no, settings, actor, *out));
    }
    if (out->parcels.empty()) {
      return Status::Conflict(Code::kNothingToWave,
                              "no order waiting for " + input.warehouse + " is paid for");
    }
    return Status::Ok();
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
