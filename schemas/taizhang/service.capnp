# The commit service: other processes submit appends to the process that holds a register, over
# a Unix socket, so single operations from many processes share transactions (group commit) as
# threads of one process do. Each message is one Cap'n Proto message in the standard stream
# framing; the stock tool prints one:
#
#   capnp decode schemas/taizhang/service.capnp Submission < captured-request
#
# A connection carries any number of submissions, each answered by one Reply before the next is
# read. Entries travel in the log's own canonical encoding (entry.capnp Entry) with the stamp
# (sequence, recorded time, request id) left zero: the service stamps them as it appends.

@0xf6f673a147775956;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("taizhang::schema");

struct Submission {
  requestId @0 :Data;          # 16 bytes; all zero asks the service to draw one
  entries @1 :List(Data);      # canonical Entry messages, in order; at least one
}

struct Reply {
  union {
    appended :group {
      firstSequence @0 :UInt64;
      count @1 :UInt32;
      replayed @2 :Bool;       # the request id had already landed with this content
    }
    refused :group {
      kind @3 :UInt8;          # an ErrorKind (error.h): 1 InvalidInput ... 7 StorageError
      message @4 :Text;
    }
  }
  origin @5 :Text;             # the register this service serves (its checkpoint origin)
}
