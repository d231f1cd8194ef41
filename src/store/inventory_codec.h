// The inventory fields of an order's stored document (store/codec.cc calls these): a line's
// shortage (why it waits, where, until when, what was dropped or replaced) and the order's
// backorder choice, refunds and exchange balance. Each is written only when set, so an order
// without a shortage stores nothing more and costs the writer nothing more.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "base/json_writer.h"
#include "domain/inventory/backorder.h"
#include "domain/order/order.h"

namespace ordo {

void EncodeLineShortage(JsonWriter& out, const OrderLine& line);
void DecodeLineShortage(const boost::json::object& object, OrderLine& line);
void EncodeOrderShortage(JsonWriter& out, const Order& order);
void DecodeOrderShortage(const boost::json::object& doc, Order& order);

// The place of a waiting line in the backorder queue as a cursor key that sorts like the queue
// (priority, then order age, then order number and line), and its reading; false when `key`
// was not made by BackorderKey.
std::string BackorderKey(const WaitingLine& line);
struct BackorderPosition {
  int priority = 0;
  int64_t order_created_at_ms = 0;
  std::string order_no;
  int line_no = 0;
};
bool ParseBackorderKey(std::string_view key, BackorderPosition& position);

}  // namespace ordo
