// Status and Result<T>: how every fallible call in jao-ingest reports failure.
//
// A Status is a code saying whose fault it is plus a one-line message in lower
// case ("compressed_page_size -4 is negative"). Context is prepended once, by
// the layer that knows it (WithContext). Result<T> holds a T or a non-ok
// Status, shaped like std::expected. RETURN_IF_ERROR and ASSIGN_OR_RETURN
// propagate.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace jao {

enum class StatusCode {
  kOk = 0,
  kCorrupt,          // the bytes contradict the format
  kUnsupported,      // valid, but refused by name
  kIo,               // the operating system failed us
  kInvalidArgument,  // the caller asked for something impossible
  kDatabase,         // the database refused or went away
  kSchema,           // the database's schema does not fit what we write
  kInternal,         // our own bug
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status Corrupt(std::string message) {
    return Status(StatusCode::kCorrupt, std::move(message));
  }
  static Status Unsupported(std::string message) {
    return Status(StatusCode::kUnsupported, std::move(message));
  }
  static Status Io(std::string message) {
    return Status(StatusCode::kIo, std::move(message));
  }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status Database(std::string message) {
    return Status(StatusCode::kDatabase, std::move(message));
  }
  static Status Schema(std::string message) {
    return Status(StatusCode::kSchema, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message reads "<context>: <message>".
  Status WithContext(std::string_view context) const;

  // "corrupt: <message>", for logs and tests; the command line prints
  // message().
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds a value or an error. Construct from a T or from a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    if (std::get<Status>(data_).ok()) {
      data_ = Status::Internal("Result constructed from an ok Status");
    }
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  Status TakeStatus() && {
    return ok() ? Status() : std::move(std::get<Status>(data_));
  }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace jao

#define JAO_CONCAT_INNER(a, b) a##b
#define JAO_CONCAT(a, b) JAO_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::jao::Status jao_status_ = (expr);        \
    if (!jao_status_.ok()) return jao_status_; \
  } while (0)

#define JAO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)    \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).TakeStatus(); \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  JAO_ASSIGN_OR_RETURN_IMPL(JAO_CONCAT(jao_result_, __LINE__), lhs, expr)
