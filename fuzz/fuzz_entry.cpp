// Entry bytes from outside (a stream, a damaged file): decoding either refuses them with an
// Error or yields an entry whose canonical encoding is exactly those bytes.
#include <cstdint>
#include <cstdlib>

#include "taizhang/entry.h"
#include "taizhang/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  taizhang::Entry entry;
  try {
    entry = taizhang::decode_entry(taizhang::ByteView(data, size));
  } catch (const taizhang::Error&) {
    return 0;
  }
  const taizhang::Bytes again = taizhang::encode_entry(entry);
  if (again.size() != size || !std::equal(again.begin(), again.end(), data)) std::abort();
  return 0;
}
