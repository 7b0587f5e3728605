// Where --summary-json goes: standard output for "-"; a character device
// (/dev/null) or a fifo written in place; otherwise a file replaced whole at
// the end, written to a temporary file beside it, fsynced and renamed over it,
// so that a run killed at any point (SIGKILL, a second signal) leaves the
// previous summary, never an empty or half-written one. Whether it can be
// written is checked before the run does any work. Used by
// tools/ingest_command.cc.
#pragma once

#include <string>

#include "common/status.h"
#include "ingest/summary.h"

namespace jao::tools {

class SummaryJsonFile {
 public:
  SummaryJsonFile() = default;
  SummaryJsonFile(const SummaryJsonFile&) = delete;
  SummaryJsonFile& operator=(const SummaryJsonFile&) = delete;
  ~SummaryJsonFile();

  // Before any work: `path` empty (no summary) and "-" need nothing; a
  // character device or a fifo is opened now (a fifo without a reader
  // fails at once); any other path needs a folder it may
  // create and rename files in. Io "cannot open summary file '<path>':
  // <reason>" otherwise.
  Status Open(const std::string& path);
  bool to_stdout() const { return path_ == "-"; }

  // Writes `summary` (and replaces the file). Io "cannot write summary file
  // '<path>': <reason>"; the previous file is then left as it was.
  Status Write(const ingest::RunSummary& summary);

 private:
  Status WriteReplacing(const std::string& text);
  Status Failure(const std::string& what, int error) const;

  std::string path_;    // as given, for messages
  std::string target_;  // the file replaced: path_ with its links followed
  int device_fd_ = -1;  // a character device or fifo opened by Open
};

}  // namespace jao::tools
