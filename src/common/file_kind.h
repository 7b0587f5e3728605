// What a path is when it is not a regular file, for the messages that refuse
// it: an input the reader would block on (a fifo), an output that cannot be
// replaced (a directory). Used by the reader's file open and the command
// line's checks of its paths.
#pragma once

#include <sys/types.h>

#include <string_view>

namespace jao {

// "a fifo", "a socket", "a directory", "a character device", "a block
// device", "a symbolic link"; "a regular file" for S_IFREG; "an unknown
// kind of file" otherwise. `mode` as stat(2) fills st_mode.
std::string_view FileKindName(mode_t mode);

}  // namespace jao
