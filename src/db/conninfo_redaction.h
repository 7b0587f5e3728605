// Keeps a PostgreSQL password out of every message: what the --db text
// holds as a password (a URL's userinfo after the first ':', a `password`
// query parameter or key=value option), and every piece of it, is replaced
// by "***" in any text built from the target or from libpq's reaction to it.
// Works on malformed text too (an unclosed "[::1", a bad percent-escape, an
// unterminated quote): the redaction never needs the target to parse.
#pragma once

#include <string>
#include <string_view>

namespace jao::db {

// `target` with its password(s) replaced by "***":
// "postgresql://bob:***@[::1", "host=db password=*** dbname=jao".
std::string RedactConninfo(std::string_view target);

// `message` with every occurrence of `target`'s password, of its
// percent-decoded form and of each piece between URL delimiters replaced by
// "***", and the whole target by its redacted form. For messages that quote
// libpq, which echoes a URI or one of its tokens.
std::string ScrubConninfoSecrets(std::string_view message,
                                 std::string_view target);

}  // namespace jao::db
