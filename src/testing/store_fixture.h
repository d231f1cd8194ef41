// Test support (not part of the library): a real embedded store in a temporary directory and a
// manual clock, the base of the use-case fixtures (inventory_fixture.h, fulfillment_fixture.h).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "app/command.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::app {

class StoreFixture : public ::testing::Test {
 protected:
  // `name` tells the temporary directories of different fixtures apart; `start` is the clock's
  // first reading.
  StoreFixture(std::string name, Timestamp start)
      : name_(std::move(name)), start_(start), clock_(start) {}

  // A fresh store at the clock's first reading: a test that reopens the fixture several times
  // (the simulation's seeds) runs each part at the same times as it would alone.
  void SetUp() override {
    clock_.Set(start_);
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-" + name_ + "-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    PiiCipher::Key key;
    key.fill(9);
    sqlite::SqliteOptions options;
    options.data_dir = dir_.string();
    options.read_connections = 2;
    options.pii_cipher = std::make_shared<const PiiCipher>(key);
    auto store = sqlite::OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    // Automatic review (app/review.h) would approve or flag the fixtures' orders on payment;
    // the use-case tests drive review themselves, as the tests of review/ turn it back on.
    ASSERT_TRUE(Run([](WriteTx& tx) {
                  return tx.fulfillment().SaveSetting(
                      {"auto_review", "true", "false", "system", {}});
                }).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  CommandContext Context(std::string actor = "user:lead") {
    return CommandContext{std::move(actor), &clock_};
  }
  Status Run(WriteFn fn) { return store_->SubmitAndWait(std::move(fn)); }
  ReadView& reads() { return store_->reads(); }

  std::string name_;
  Timestamp start_;
  ManualClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace ordo::app
