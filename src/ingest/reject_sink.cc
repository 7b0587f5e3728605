#include "ingest/reject_sink.h"

#include <cerrno>
#include <cstring>

namespace jao::ingest {

std::string RejectLine(const RejectedRow& rejected) {
  nlohmann::ordered_json line;
  line["row"] = rejected.row;
  if (rejected.vacancy_id) {
    line["vacancy_id"] = *rejected.vacancy_id;
  } else {
    line["vacancy_id"] = nullptr;
  }
  line["column"] = rejected.rejection.column;
  line["value"] = rejected.rejection.value;
  line["reason"] = rejected.rejection.reason;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::unique_ptr<RejectSink>> RejectSink::OpenFile(
    const std::string& path) {
  auto file = std::make_unique<std::ofstream>(path, std::ios::trunc);
  if (!*file) {
    return Status::Io("cannot open rejects file '" + path +
                      "': " + std::strerror(errno));
  }
  auto sink = std::make_unique<RejectSink>(file.get());
  sink->file_ = std::move(file);
  return sink;
}

void RejectSink::Report(const RejectedRow& rejected) {
  ++count_;
  if (out_ != nullptr) *out_ << RejectLine(rejected) << '\n';
}

Status RejectSink::Finish() {
  if (out_ == nullptr) return Status::Ok();
  out_->flush();
  if (!*out_) return Status::Io("writing rejects file failed");
  return Status::Ok();
}

}  // namespace jao::ingest
