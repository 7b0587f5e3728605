#include "tools/standard_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace jao::tools {

Status WriteStdout(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
      std::ferror(stdout)) {
    return Status::Io(std::string("cannot write to stdout: ") +
                      std::strerror(errno));
  }
  return Status::Ok();
}

Status FlushStdout() {
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    return Status::Io(std::string("cannot write to stdout: ") +
                      std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace jao::tools
