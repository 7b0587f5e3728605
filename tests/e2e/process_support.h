// Child processes for the end-to-end tests: jao-ingest itself and the
// Node.js fixture scripts, run with fork/exec (no shell), their output
// captured in files. A ChildProcess can also be left running while a test
// watches the database (concurrency and fault tests).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace jao::e2e {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

class ChildProcess {
 public:
  // Starts `argv` (argv[0] looked up in PATH) in directory `cwd` (empty:
  // the current one), with standard output and error written to
  // `out_path` and `err_path`. Aborts the test binary when fork fails.
  ChildProcess(const std::vector<std::string>& argv, const std::string& cwd,
               std::string out_path, std::string err_path);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Waits for the child if Wait was not called (never leaves a zombie).
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // True while the child has not exited.
  bool Running();
  // Waits for the exit; reads back both outputs.
  ProcessResult Wait();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::string out_path_;
  std::string err_path_;
};

// Runs `argv` to completion; outputs go through files in `scratch_dir`.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& cwd,
                         const std::string& scratch_dir);

// The lines of `text` (without their '\n'); no trailing empty line.
std::vector<std::string> Lines(const std::string& text);

// The whole content of the file at `path` ("" when it cannot be read).
std::string ReadFileText(const std::string& path);

// "a b 'c d'": argv for messages.
std::string CommandLine(const std::vector<std::string>& argv);

}  // namespace jao::e2e
