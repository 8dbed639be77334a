// Links the installed package: creates a register, appends, checkpoints, proves and verifies.
#include <taizhang/error.h>
#include <taizhang/ledger.h>
#include <taizhang/merkle.h>
#include <taizhang/money.h>

#include <cstdio>
#include <filesystem>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer <scratch directory>\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::filesystem::remove_all(dir);
  try {
    const taizhang::Signer log_key = taizhang::Signer::generate("consumer.example/520122");
    taizhang::Ledger ledger = taizhang::Ledger::create(
        dir, {"520122000000", "息烽县", "consumer.example/520122"}, log_key);
    const taizhang::Signer official = taizhang::Signer::generate("official");
    taizhang::Entry entry;
    entry.effective = taizhang::Date::parse("2026-11-28");
    entry.body = taizhang::ActorKeyEnrolled{1, "registrar", taizhang::Role::kCountyRegistrar,
                                            "520122000000", official.verifier().public_key()};
    // Every request is signed by its actor; here actor 0, the register itself (its log key).
    taizhang::AppendRequest request{taizhang::random_request_id(), {entry}};
    request.entries.back().signature = log_key.sign_record(taizhang::request_message(
        log_key.verifier().text(), 0, request.request_id, request.entries));
    const auto outcome = ledger.append(request);
    const std::string note = ledger.checkpoint(log_key);
    const taizhang::Checkpoint head = taizhang::open_checkpoint(note, log_key.verifier());
    const bool included = taizhang::merkle::verify_inclusion(
        taizhang::merkle::leaf_hash(ledger.entry_bytes(outcome.first_sequence)),
        outcome.first_sequence, head.size,
        ledger.inclusion_proof(outcome.first_sequence, head.size), head.root);
    const bool verified = ledger.verify().ok;
    const auto amount = taizhang::Money::parse_wan_yuan("1.5");
    std::printf("entries %llu, included %d, verified %d, 1.5 万元 = %s 元\n",
                static_cast<unsigned long long>(ledger.size()), included, verified,
                amount.to_yuan_string().c_str());
    return included && verified && amount.fen() == 1'500'000 ? 0 : 1;
  } catch (const taizhang::Error& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}
