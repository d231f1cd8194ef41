// Names the calling thread (as shown in /proc/PID/task/TID/comm, top -H and gdb), so operators
// and the benchmark can tell the writer from the HTTP threads. At most 15 characters are kept.
#pragma once

#include <string_view>

namespace ordo {

void SetThreadName(std::string_view name);

}  // namespace ordo
