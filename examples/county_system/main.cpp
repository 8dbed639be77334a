// A county system built against the installed taizhang package: it keeps its county's register,
// registers an asset, takes a disposal request to its first signed approval and reads the
// asset's history back.
//
//   county_system <register directory>
#include <taizhang/error.h>
#include <taizhang/registry.h>

#include <cstdio>
#include <filesystem>

using namespace taizhang;

namespace {

// Submits `write` as `actor`, signed with that official's own key, which also approves the
// entry itself (a disposal step needs the official's approval).
std::uint64_t submit_approved(Registry& registry, std::uint64_t actor, const Signer& key,
                              const char* day, RegistryWrite write) {
  RegistryRequest request{
      {actor, Date::parse(day), random_request_id(), &key}, std::move(write), {}};
  request.approvals.push_back({actor, key.sign_record(registry.approval_bytes(request))});
  return registry.submit(request);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: county_system <register directory>\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::filesystem::remove_all(dir);
  try {
    // The county's keys: in a real system they live in files of mode 0600 (Signer::load).
    const Signer log_key = Signer::generate("county-system.example/520122");
    const Signer registrar = Signer::generate("registrar");
    const Signer director = Signer::generate("a1-director");
    Registry registry =
        Registry::create(dir, {"520122000000", "息烽县", "county-system.example/520122"}, log_key,
                         registrar.verifier().public_key());

    const char* day = "2026-03-01";
    // Every write is signed by its actor: here the registrar's key is held by this process.
    auto as_registrar = [&](RegistryWrite write) {
      return registry.submit(
          {{1, Date::parse(day), random_request_id(), &registrar}, std::move(write)});
    };
    for (const char* code : {"520122000000", "520122101000", "520122101201"}) {
      as_registrar(DivisionDefined{code, "区划", Date::parse("2000-01-01"), Date()});
    }
    as_registrar(ActorKeyEnrolled{2, "A1村委会主任", Role::kVillageCommittee, "520122101201",
                                  director.verifier().public_key()});
    PartyRegistered village;
    village.kind = PartyKind::kVillageCollective;
    village.name = "A1村股份经济合作社";
    village.division = "520122101201";
    const std::string first17 = "93520122000000001";  // 93: a farmers' cooperative
    village.credit_code = first17 + credit_code_check_character(first17);
    const std::uint64_t collective = as_registrar(village);

    AssetRegistered greenhouse;
    greenhouse.code = "XF-2021-0001";
    greenhouse.asset_class = AssetClass::kOperating;
    greenhouse.description.name = "蔬菜大棚";
    greenhouse.description.category = AssetCategory::kGreenhouse;
    greenhouse.description.division = "520122101201";
    greenhouse.description.completed = Date::parse("2021-06-30");
    greenhouse.description.original = Money::parse_wan_yuan("12");
    greenhouse.description.funding = {{FundingSource::kCentralFiscal, Money::parse_wan_yuan("8")},
                                      {FundingSource::kCountyFiscal, Money::parse_wan_yuan("4")}};
    greenhouse.owners = {{collective, Share::of(1, 1)}};
    const std::uint64_t asset = as_registrar(greenhouse);

    // The village committee asks to dispose of it. Its key is kept elsewhere (a signing
    // device, say): the system hands over the exact bytes to sign and submits the signature.
    RegistryRequest ask{{2, Date::parse("2026-04-01"), random_request_id()},
                        DisposalRequested{asset,
                                          DisposalTrigger::kIdleChangeOfUse,
                                          DisposalMethod::kChangeOfUse,
                                          "闲置转产",
                                          {},
                                          0},
                        {}};
    const Bytes to_sign = registry.signing_bytes(std::span(&ask, 1));
    ask.context.signature = director.sign_record(to_sign);  // done by the device
    const std::uint64_t request = registry.submit(ask);
    // Then proposes it: the first step of its chain, approved with the director's own key.
    submit_approved(registry, 2, director, "2026-04-02", DisposalStep{request, 0, true, "", 0, 0});

    const Disposal disposal = *registry.find_disposal(request);
    std::printf("disposal %llu of %s: step %zu of %zu next (%s)\n",
                static_cast<unsigned long long>(request), greenhouse.code.c_str(),
                disposal.next_step, disposal.chain.size(),
                std::string(name_of(disposal.chain[disposal.next_step].first)).c_str());
    for (const HistoryItem& item : registry.history(asset)) {
      std::printf("  #%llu %s  %s\n", static_cast<unsigned long long>(item.sequence),
                  item.effective.to_string().c_str(), item.description.c_str());
    }
    const bool ok = disposal.next_step == 1 && disposal.state == Disposal::State::kOpen &&
                    registry.get_asset(asset).status == AssetStatus::kPendingDisposal &&
                    registry.history(asset).size() == 3 && registry.ledger().verify().ok;
    std::printf("%s\n", ok ? "ok" : "unexpected state");
    return ok ? 0 : 1;
  } catch (const Error& error) {
    std::fprintf(stderr, "county_system: %s\n", error.what());
    return 1;
  }
}
