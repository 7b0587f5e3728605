// Writing a command's output to stdout with every failure found: a full
// disk or a closed pipe is an Io status naming the reason, at the write
// that hit it rather than after the whole output. Used by `cat` and
// `changes`.
#pragma once

#include <string_view>

#include "common/status.h"

namespace jao::tools {

// Writes `text` to stdout (buffered).
Status WriteStdout(std::string_view text);

// Flushes stdout; a write error the buffer hid until now is reported here.
Status FlushStdout();

}  // namespace jao::tools
