// Entry bodies to and from their Cap'n Proto structs (the envelope is entry_codec.cpp's).
#pragma once

#include "taizhang/entry.capnp.h"
#include "taizhang/entry.h"

namespace taizhang::internal {

// Checks what encoding can check on its own (lengths, code shapes, non-empty names) and fills
// `out`. Throws InvalidInput naming the field.
void write_body(const Body& body, schema::Entry::Body::Builder out);
// Throws IntegrityError for an unknown body kind or enumerant.
Body read_body(schema::Entry::Body::Reader in);

}  // namespace taizhang::internal
