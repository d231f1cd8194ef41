// The OpenAPI document's names for generated clients: operationIds, tags, descriptions.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "http/api.h"
#include "http/metrics.h"

namespace ordo::http {
namespace {

namespace json = boost::json;

const json::object& Document() {
  static const json::object document = [] {
    static Metrics metrics;
    static const ApiContext api{nullptr, nullptr, &metrics};  // registered, never called
    Router router;
    RegisterRoutes(router, api);
    return json::parse(OpenApiDocument(router)).as_object();
  }();
  return document;
}

// operationId -> "METHOD /path"
std::map<std::string, std::string> OperationIds() {
  std::map<std::string, std::string> ids;
  for (const auto& [path, item] : Document().at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      std::string name(method);
      for (char& c : name) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      const std::string id(operation.as_object().at("operationId").as_string());
      EXPECT_FALSE(ids.count(id)) << id << " names " << ids[id] << " and " << name << " "
                                  << path;
      ids[id] = name + " " + std::string(path);
    }
  }
  return ids;
}

TEST(OpenApi, EveryOperationHasAUniqueCamelCaseId) {
  const auto ids = OperationIds();
  EXPECT_GT(ids.size(), 100u);
  for (const auto& [id, name] : ids) {
    ASSERT_FALSE(id.empty()) << name;
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(id.front()))) << id;
    for (char c : id) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << id << " (" << name << ")";
    }
  }
}

TEST(OpenApi, IdsReadAsTheOperations) {
  const auto ids = OperationIds();
  const std::map<std::string, std::string> expected = {
      {"placeOrder", "POST /api/v1/orders"},
      {"listOrders", "GET /api/v1/orders"},
      {"getOrder", "GET /api/v1/orders/{order_no}"},
      {"updateOrder", "PATCH /api/v1/orders/{order_no}"},
      {"cancelOrder", "POST /api/v1/orders/{order_no}/cancel"},
      {"listOrderEvents", "GET /api/v1/orders/{order_no}/events"},
      {"createSku", "POST /api/v1/skus"},
      {"approveRefund", "POST /api/v1/refunds/{id}/approve"},
      {"dismissAnomaly", "POST /api/v1/anomalies/{id}/dismiss"},
      {"createCustomerComplaint", "POST /api/v1/customers/{member_id}/complaints"},
      {"setWarehouseAllocationRules", "PUT /api/v1/warehouses/{code}/allocation-rules"},
      {"confirmOrderChange", "POST /api/v1/orders/{order_no}/changes/{id}/confirm"},
  };
  for (const auto& [id, name] : expected) {
    auto it = ids.find(id);
    ASSERT_NE(it, ids.end()) << id;
    EXPECT_EQ(it->second, name) << id;
  }
}

TEST(OpenApi, EveryOperationHasOneListedTagASummaryAndADescription) {
  std::set<std::string> listed;
  for (const json::value& tag : Document().at("tags").as_array()) {
    listed.insert(std::string(tag.at("name").as_string()));
    EXPECT_FALSE(tag.at("description").as_string().empty()) << tag.at("name");
  }
  std::set<std::string> used;
  for (const auto& [path, item] : Document().at("paths").as_object()) {
    for (const auto& [method, value] : item.as_object()) {
      const json::object& operation = value.as_object();
      const json::array& tags = operation.at("tags").as_array();
      ASSERT_EQ(tags.size(), 1u) << method << " " << path;
      const std::string tag(tags[0].as_string());
      EXPECT_TRUE(listed.count(tag)) << tag << " of " << method << " " << path;
      used.insert(tag);
      EXPECT_FALSE(operation.at("summary").as_string().empty()) << method << " " << path;
      EXPECT_GT(operation.at("description").as_string().size(),
                operation.at("summary").as_string().size())
          << method << " " << path;
    }
  }
  EXPECT_EQ(used, listed) << "the document lists the tags its operations use, and no other";
  EXPECT_TRUE(used.count("Orders") && used.count("Payments") && used.count("Fulfillment"));
}

TEST(OpenApi, DescriptionsNameThePermissionAndTheRoles) {
  const json::object& place =
      Document().at("paths").at("/api/v1/orders").at("post").as_object();
  const std::string description(place.at("description").as_string());
  EXPECT_NE(description.find("`orders:create`"), std::string::npos) << description;
  EXPECT_NE(description.find("admin"), std::string::npos) << description;
  EXPECT_NE(description.find("Idempotency-Key"), std::string::npos) << description;
  const std::string health(Document()
                               .at("paths")
                               .at("/healthz")
                               .at("get")
                               .at("description")
                               .as_string());
  EXPECT_NE(health.find("No token needed"), std::string::npos) << health;
}

TEST(OpenApi, CaseTypesAndRepliesBesidesTheSuccessAreDescribed) {
  const json::object& schemas = Document().at("components").at("schemas").as_object();
  const json::array& types =
      schemas.at("Anomaly").at("properties").at("type").at("enum").as_array();
  EXPECT_NE(std::find(types.begin(), types.end(), json::value("price_overridden")), types.end());
  const json::object& responses =
      Document().at("paths").at("/api/v1/orders").at("post").at("responses").as_object();
  EXPECT_TRUE(responses.contains("201") && responses.contains("200") &&
              responses.contains("default"));
}

}  // namespace
}  // namespace ordo::http
