// Standard base64 (RFC 4648, with padding), for bytes that are not UTF-8
// text where a JSON line must carry them exactly: `cat --format jsonl` and
// the rejects file write them as {"base64": "..."}.
#pragma once

#include <string>
#include <string_view>

namespace jao {

std::string Base64(std::string_view bytes);

}  // namespace jao
