// gmock matchers for Status and Result<T>, so a failed check prints the
// status text:
//
//   ASSERT_THAT(reader, IsOk());
//   ASSERT_THAT(plan, StatusIs(StatusCode::kInvalidArgument));
//   ASSERT_THAT(plan, StatusIs(StatusCode::kInvalidArgument, "jobs.parquet: "
//                                                            "..."));
//   ASSERT_THAT(counts, StatusIs(::testing::_, HasSubstr("locked")));
//
// They accept a Status or a Result<T> and nothing else (a validator's
// Outcome has no Status to show). PrintTo below makes gtest print a Status as
// its ToString() ("corrupt: <message>") wherever this header is included.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

#include "common/status.h"

namespace jao {

inline void PrintTo(const Status& status, std::ostream* os) {
  *os << status.ToString();
}

template <typename T>
void PrintTo(const Result<T>& result, std::ostream* os) {
  if (result.ok()) {
    *os << "ok, holding " << ::testing::PrintToString(result.value());
  } else {
    *os << result.status().ToString();
  }
}

namespace status_matchers_internal {

template <typename T>
struct IsStatusOrResult : std::false_type {};
template <>
struct IsStatusOrResult<Status> : std::true_type {};
template <typename T>
struct IsStatusOrResult<Result<T>> : std::true_type {};

template <typename T>
const Status& StatusOf(const T& value) {
  static_assert(IsStatusOrResult<T>::value,
                "IsOk() and StatusIs() take a jao::Status or jao::Result<T>");
  if constexpr (std::is_same_v<T, Status>) {
    return value;
  } else {
    return value.status();
  }
}

class IsOkMatcher {
 public:
  template <typename T>
  bool MatchAndExplain(const T& value,
                       ::testing::MatchResultListener* /*listener*/) const {
    // gtest prints the failing value itself (PrintTo above): the status text.
    return StatusOf(value).ok();
  }
  void DescribeTo(std::ostream* os) const { *os << "is ok"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "is not ok"; }
};

// An error (never an ok status) whose code, when given, is `code` and whose
// message matches `message`.
class StatusIsMatcher {
 public:
  StatusIsMatcher(std::optional<StatusCode> code,
                  ::testing::Matcher<const std::string&> message)
      : code_(code), message_(std::move(message)) {}

  template <typename T>
  bool MatchAndExplain(const T& value,
                       ::testing::MatchResultListener* listener) const {
    const Status& status = StatusOf(value);
    if (status.ok()) {
      *listener << "which is ok";
      return false;
    }
    bool matches = true;
    if (code_.has_value() && status.code() != *code_) {
      *listener << "whose code is " << StatusCodeName(status.code());
      matches = false;
    }
    ::testing::StringMatchResultListener message_listener;
    if (!message_.MatchAndExplain(status.message(), &message_listener)) {
      if (!matches) *listener << " and ";
      *listener << "whose message does not match";
      if (!message_listener.str().empty()) {
        *listener << ", " << message_listener.str();
      }
      matches = false;
    }
    return matches;
  }

  void DescribeTo(std::ostream* os) const {
    *os << "is an error";
    if (code_.has_value()) *os << " with code " << StatusCodeName(*code_);
    *os << " whose message ";
    message_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "is ok, or is not an error";
    if (code_.has_value()) *os << " with code " << StatusCodeName(*code_);
    *os << " whose message ";
    message_.DescribeTo(os);
  }

 private:
  std::optional<StatusCode> code_;
  ::testing::Matcher<const std::string&> message_;
};

}  // namespace status_matchers_internal

// The Status, or the Result's status, is ok.
inline ::testing::PolymorphicMatcher<status_matchers_internal::IsOkMatcher>
IsOk() {
  return ::testing::MakePolymorphicMatcher(
      status_matchers_internal::IsOkMatcher());
}

// An error with this code; any message.
inline ::testing::PolymorphicMatcher<status_matchers_internal::StatusIsMatcher>
StatusIs(StatusCode code) {
  return ::testing::MakePolymorphicMatcher(
      status_matchers_internal::StatusIsMatcher(code, ::testing::_));
}

// An error with this code whose message matches (a string means equal).
inline ::testing::PolymorphicMatcher<status_matchers_internal::StatusIsMatcher>
StatusIs(StatusCode code, ::testing::Matcher<const std::string&> message) {
  return ::testing::MakePolymorphicMatcher(
      status_matchers_internal::StatusIsMatcher(code, std::move(message)));
}

// An error of any code whose message matches: StatusIs(::testing::_, "...").
inline ::testing::PolymorphicMatcher<status_matchers_internal::StatusIsMatcher>
StatusIs(std::remove_cvref_t<decltype(::testing::_)> /*any_code*/,
         ::testing::Matcher<const std::string&> message) {
  return ::testing::MakePolymorphicMatcher(
      status_matchers_internal::StatusIsMatcher(std::nullopt,
                                                std::move(message)));
}

}  // namespace jao
