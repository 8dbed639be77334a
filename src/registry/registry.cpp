// The Registry facade: requests to entries, through the ledger and the domain fold; reads
// from the views.
#include "taizhang/registry.h"

#include <sodium.h>

#include <map>
#include <tuple>
#include <unordered_map>

#include "domain/fold.h"
#include "domain/queries.h"
#include "taizhang/error.h"
#include "taizhang/policy.h"

namespace taizhang {

struct Registry::Impl {
  explicit Impl(Ledger opened)
      : ledger(std::move(opened)),
        origin(ledger.info().origin),
        register_id(ledger.log_verifier().text()) {}
  Ledger ledger;
  std::string origin;
  std::string register_id;  // what signatures name: the log key's verifier text

  template <typename T>
  T read(const std::function<T(const ViewStore&)>& reader) const {
    T result{};
    ledger.read_views([&](const ViewStore& views) { result = reader(views); });
    return result;
  }

  domain::EntryLookup entries() const {
    return [this](std::uint64_t sequence) { return ledger.entry(sequence); };
  }
};

namespace {

constexpr std::string_view kNoRequestIdZh =
    "要签名的提交须带有请求编号（request id）：请先为这次提交生成请求编号，再签名";

LedgerOptions with_fold(LedgerOptions options) {
  options.fold = register_fold();
  return options;
}

Entry entry_of(const RegistryRequest& request, const RequestId& id) {
  Entry entry;
  entry.actor = request.context.actor;
  entry.effective = request.context.effective;
  entry.request_id = id;
  entry.body = std::visit([](const auto& write) -> Body { return write; }, request.write);
  entry.approvals = request.approvals;
  return entry;
}

// The requests as one unsigned ledger request: one actor, the first context's request id.
AppendRequest unsigned_append(std::span<const RegistryRequest> requests) {
  if (requests.empty()) {
    throw_invalid("requests", "0", "a request holds at least one write",
                  "这次提交没有任何登记内容：一次提交至少须有一项登记");
  }
  const WriteContext& context = requests.front().context;
  AppendRequest append;
  append.request_id = context.request_id == RequestId{} ? random_request_id() : context.request_id;
  append.entries.reserve(requests.size());
  for (const RegistryRequest& request : requests) {
    if (request.context.actor != context.actor) {
      throw_invalid("actor", std::to_string(request.context.actor),
                    "writes submitted together are by one actor (the first is by actor " +
                        std::to_string(context.actor) + ")",
                    "一并提交的各项登记须由同一经办人员办理：第一项是人员 " +
                        std::to_string(context.actor) + " 办理的，这一项却是人员 " +
                        std::to_string(request.context.actor) + " 的，请分开提交");
    }
    if (!request.approvals.empty() && &request != &requests.front() &&
        request.context.request_id != append.request_id) {
      throw_invalid("request_id", to_hex(request.context.request_id),
                    "writes submitted together share the first one's request id, which their "
                    "approvals must sign",
                    "一并提交的各项登记须使用第一项的请求编号（request id），审批签名签的就是"
                    "这个编号：请按第一项的请求编号重新取得审批签名");
    }
    append.entries.push_back(entry_of(request, append.request_id));
  }
  return append;
}

// The requests as one ledger request, signed: by the ledger with the context's signer when
// `ledger_signs` (this process holds the key), here otherwise (for a request sent elsewhere).
AppendRequest signed_append(std::string_view origin, std::span<const RegistryRequest> requests,
                            bool ledger_signs = true) {
  AppendRequest append = unsigned_append(requests);
  const WriteContext& context = requests.front().context;
  if (context.signer != nullptr && ledger_signs) {
    append.sign_with = context.signer;
  } else if (context.signer != nullptr) {
    append.entries.back().signature = context.signer->sign_record(
        request_message(origin, context.actor, append.request_id, append.entries));
  } else if (!context.signature.empty()) {
    append.entries.back().signature = context.signature;
  } else {
    throw_error(ErrorKind::kUnauthorized,
                "the request of actor " + std::to_string(context.actor) +
                    " is not signed (give its signer or signature)",
                "人员 " + std::to_string(context.actor) +
                    " 的这次提交没有签名：请用本人的密钥签名后再提交");
  }
  return append;
}

}  // namespace

Bytes approval_message(std::string_view origin, const RegistryRequest& request) {
  if (request.context.request_id == RequestId{}) {
    throw_invalid("request_id", "", "a signed request carries its request id", kNoRequestIdZh);
  }
  return approval_message(origin, entry_of(request, request.context.request_id));
}

Bytes request_message(std::string_view origin, std::span<const RegistryRequest> requests) {
  if (requests.empty() || requests.front().context.request_id == RequestId{}) {
    throw_invalid("request_id", "", "a signed request carries its request id", kNoRequestIdZh);
  }
  const AppendRequest append = unsigned_append(requests);
  return request_message(origin, requests.front().context.actor, append.request_id, append.entries);
}

AppendRequest append_request(std::string_view origin, std::span<const RegistryRequest> requests) {
  return signed_append(origin, requests, false);
}

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;
Registry::~Registry() = default;

Registry Registry::create(const std::string& directory, const RegisterInfo& info,
                          const Signer& log_key, ByteView registrar_public_key,
                          LedgerOptions options) {
  return create(directory, info, log_key, registrar_public_key, "county registrar",
                std::move(options));
}

Registry Registry::create(const std::string& directory, const RegisterInfo& info,
                          const Signer& log_key, ByteView registrar_public_key,
                          const std::string& registrar_name, LedgerOptions options) {
  check_division_code(info.county_code, "county_code");
  if (division_level(info.county_code) != DivisionLevel::kCounty) {
    throw_invalid("county_code", info.county_code, "must name a county (township and village 000)",
                  "台账须按县建立：区划代码须是县级代码，即后 6 位（乡镇和村）为 000000，"
                  "如 520122000000");
  }
  Registry registry(std::make_unique<Impl>(
      Ledger::create(directory, info, log_key, with_fold(std::move(options)))));
  // The register itself (actor 0, the county's log key) enrols the first registrar and defines
  // policy version 1: the defaults of docs/rules.md, in force from the start of time.
  const Date day = registry.ledger().entry(0).effective;
  const RegistryRequest first[] = {
      {{0, day, {}, &log_key},
       ActorKeyEnrolled{1, registrar_name, Role::kCountyRegistrar, info.county_code,
                        Bytes(registrar_public_key.begin(), registrar_public_key.end())},
       {}},
      {{0, day, {}}, default_policy(Date::from_civil(1900, 1, 1)), {}}};
  registry.submit(first);
  return registry;
}

Registry Registry::open(const std::string& directory, LedgerOptions options) {
  return Registry(std::make_unique<Impl>(Ledger::open(directory, with_fold(std::move(options)))));
}

Ledger& Registry::ledger() { return impl_->ledger; }
const Ledger& Registry::ledger() const { return impl_->ledger; }

std::vector<std::uint64_t> Registry::submit(std::span<const RegistryRequest> requests) {
  const AppendRequest append = signed_append(impl_->register_id, requests);
  const AppendOutcome outcome = impl_->ledger.append_batch(std::span(&append, 1)).front();
  std::vector<std::uint64_t> sequences(outcome.count);
  for (std::uint32_t i = 0; i < outcome.count; ++i) sequences[i] = outcome.first_sequence + i;
  return sequences;
}

void Registry::check(std::span<const RegistryRequest> requests) {
  const AppendRequest append = signed_append(impl_->register_id, requests);
  impl_->ledger.check_batch(std::span(&append, 1));
}

std::uint64_t Registry::submit(const RegistryRequest& request) {
  // One request at a time: committed together with other threads' (group commit).
  return impl_->ledger.append(signed_append(impl_->register_id, std::span(&request, 1)))
      .first_sequence;
}

const std::string& Registry::origin() const { return impl_->origin; }
const std::string& Registry::register_id() const { return impl_->register_id; }

Bytes Registry::signing_bytes(std::span<const RegistryRequest> requests) const {
  return request_message(impl_->register_id, requests);
}

Bytes Registry::approval_bytes(const RegistryRequest& request) const {
  return approval_message(impl_->register_id, request);
}

// --- reads: each one domain query over a snapshot of the views ---------------------------

std::optional<Actor> Registry::find_actor(std::uint64_t id) const {
  return impl_->read<std::optional<Actor>>(
      [&](const ViewStore& views) { return domain::find_actor(views, id); });
}

std::vector<std::uint64_t> Registry::actor_ids() const {
  return impl_->read<std::vector<std::uint64_t>>([&](const ViewStore& views) {
    std::vector<std::uint64_t> ids;
    for (const Actor& actor : domain::actors(views)) ids.push_back(actor.id);
    return ids;
  });
}

std::optional<Party> Registry::find_party(std::uint64_t id) const {
  return impl_->read<std::optional<Party>>(
      [&](const ViewStore& views) { return domain::find_party(views, id); });
}

std::optional<Asset> Registry::find_asset(std::uint64_t id) const {
  return impl_->read<std::optional<Asset>>(
      [&](const ViewStore& views) { return domain::find_asset(views, id); });
}

Asset Registry::get_asset(std::uint64_t id) const {
  auto asset = find_asset(id);
  if (!asset) {
    throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(id),
                "台账中没有内部编号为 " + std::to_string(id) + " 的资产");
  }
  return std::move(*asset);
}

std::optional<Asset> Registry::find_asset_by_code(std::string_view code) const {
  return impl_->read<std::optional<Asset>>(
      [&](const ViewStore& views) { return domain::find_asset_by_code(views, code); });
}

std::vector<Asset> Registry::assets(const AssetFilter& filter) const {
  return impl_->read<std::vector<Asset>>(
      [&](const ViewStore& views) { return domain::assets(views, filter); });
}

AssetTable Registry::asset_table(const AssetFilter& filter) const {
  return impl_->read<AssetTable>(
      [&](const ViewStore& views) { return domain::asset_table(views, filter); });
}

AssetTable Registry::asset_table_as_of(const AssetFilter& filter, Date day) const {
  std::vector<Asset> then;
  for (const Asset& a : assets(filter)) {
    if (a.registered <= day) then.push_back(asset_as_of_date(a.id, day));
  }
  return domain::asset_table_of(then);
}

std::vector<Division> Registry::divisions() const {
  return impl_->read<std::vector<Division>>(
      [&](const ViewStore& views) { return domain::divisions(views); });
}

std::vector<Party> Registry::parties() const {
  return impl_->read<std::vector<Party>>(
      [&](const ViewStore& views) { return domain::parties(views); });
}

std::vector<HistoryItem> Registry::history(std::uint64_t asset) const {
  const auto sequences = impl_->read<std::vector<std::uint64_t>>(
      [&](const ViewStore& views) { return domain::asset_entries(views, asset); });
  if (sequences.empty()) {
    throw_error(ErrorKind::kNotFound, "asset: no asset " + std::to_string(asset),
                "台账中没有内部编号为 " + std::to_string(asset) + " 的资产");
  }
  std::vector<HistoryItem> items;
  for (const std::uint64_t sequence : sequences) {
    Entry entry = impl_->ledger.entry(sequence);
    items.push_back({sequence, entry.recorded_micros, entry.effective, entry.actor,
                     describe_body(entry.body), std::move(entry.body)});
  }
  return items;
}

namespace {

template <typename Include>
Asset replay_asset(const Registry& registry, std::uint64_t id, Include&& include,
                   const std::string& when, const std::string& when_zh) {
  Asset asset;
  bool found = false;
  for (const HistoryItem& item : registry.history(id)) {
    Entry entry;
    entry.sequence = item.sequence;
    entry.effective = item.effective;
    if (!include(entry)) continue;
    entry.body = item.body;
    domain::advance_asset(asset, entry, item.sequence);
    found = true;
  }
  if (!found) {
    throw_error(ErrorKind::kNotFound, "asset " + std::to_string(id) + " did not exist " + when,
                when_zh + "，内部编号为 " + std::to_string(id) + " 的资产还没有登记");
  }
  return asset;
}

}  // namespace

Asset Registry::asset_as_of_sequence(std::uint64_t asset, std::uint64_t sequence) const {
  return replay_asset(
      *this, asset, [&](const Entry& entry) { return entry.sequence <= sequence; },
      "at entry " + std::to_string(sequence), "截至第 " + std::to_string(sequence) + " 条记录");
}

Asset Registry::asset_as_of_date(std::uint64_t asset, Date day) const {
  return replay_asset(
      *this, asset, [&](const Entry& entry) { return entry.effective <= day; },
      "on " + day.to_string(), "截至 " + day.to_string());
}

std::vector<RightHolder> Registry::rights(std::uint64_t asset, Date day) const {
  return impl_->read<std::vector<RightHolder>>(
      [&](const ViewStore& views) { return domain::rights(views, asset, day); });
}

std::optional<OperationContracted> Registry::operation(std::uint64_t asset) const {
  const auto sequence = impl_->read<std::optional<std::uint64_t>>(
      [&](const ViewStore& views) { return domain::operation_entry(views, asset); });
  if (!sequence) return std::nullopt;
  return std::get<OperationContracted>(impl_->ledger.entry(*sequence).body);
}

std::optional<MaintenanceBound> Registry::maintenance(std::uint64_t asset) const {
  const auto sequence = impl_->read<std::optional<std::uint64_t>>(
      [&](const ViewStore& views) { return domain::maintenance_entry(views, asset); });
  if (!sequence) return std::nullopt;
  MaintenanceBound bound = std::get<MaintenanceBound>(impl_->ledger.entry(*sequence).body);
  bound.asset = asset;  // one bound in its registration's batch names it by code
  return bound;
}

std::vector<InspectionRecord> Registry::inspections(std::uint64_t asset) const {
  return impl_->read<std::vector<InspectionRecord>>(
      [&](const ViewStore& views) { return domain::inspections(views, asset); });
}

std::vector<Valuation> Registry::valuation(Date as_of) const {
  return impl_->read<std::vector<Valuation>>(
      [&](const ViewStore& views) { return domain::valuation(views, as_of, impl_->entries()); });
}

PolicyDefined Registry::policy(std::optional<std::uint32_t> version) const {
  auto found = impl_->read<std::optional<PolicyDefined>>(
      [&](const ViewStore& views) { return domain::policy(views, version); });
  if (!found) {
    throw_error(
        ErrorKind::kNotFound,
        "policy: no version " + (version ? std::to_string(*version) : std::string("at all")),
        version ? "台账中没有第 " + std::to_string(*version) + " 版政策设置"
                : std::string("台账中还没有任何政策设置"));
  }
  return std::move(*found);
}

std::vector<Finding> Registry::audit(Date as_of) const {
  return impl_->read<std::vector<Finding>>(
      [&](const ViewStore& views) { return domain::audit(views, as_of); });
}

std::vector<AllocationRecord> Registry::allocations() const {
  return impl_->read<std::vector<AllocationRecord>>(
      [&](const ViewStore& views) { return domain::allocations(views); });
}

std::vector<Payment> Registry::allocation(std::uint64_t id) const {
  return impl_->read<std::vector<Payment>>(
      [&](const ViewStore& views) { return domain::payments(views, id); });
}

std::vector<Payment> Registry::payments(std::optional<std::uint64_t> income,
                                        std::optional<std::uint64_t> owner) const {
  return impl_->read<std::vector<Payment>>(
      [&](const ViewStore& views) { return domain::payments_of(views, income, owner); });
}

std::vector<IncomePart> Registry::income_parts(std::optional<std::uint64_t> income) const {
  return impl_->read<std::vector<IncomePart>>(
      [&](const ViewStore& views) { return domain::income_parts(views, income); });
}

std::vector<Disposal> Registry::disposals() const {
  return impl_->read<std::vector<Disposal>>(
      [&](const ViewStore& views) { return domain::disposals(views); });
}

std::optional<Disposal> Registry::find_disposal(std::uint64_t id) const {
  return impl_->read<std::optional<Disposal>>(
      [&](const ViewStore& views) { return domain::find_disposal(views, id); });
}

std::vector<NoticeRecord> Registry::notices(const std::string& division) const {
  return impl_->read<std::vector<NoticeRecord>>(
      [&](const ViewStore& views) { return domain::notices(views, division, impl_->entries()); });
}

std::vector<Disposal> Registry::pending_approvals(std::uint64_t actor) const {
  return impl_->read<std::vector<Disposal>>(
      [&](const ViewStore& views) { return domain::pending_approvals(views, actor); });
}

std::vector<SummaryRow> Registry::summary() const {
  return impl_->read<std::vector<SummaryRow>>(
      [&](const ViewStore& views) { return domain::summary(views); });
}

void Registry::define_divisions(const WriteContext& context,
                                const std::vector<Division>& divisions) {
  std::vector<RegistryRequest> requests;
  for (const Division& division : divisions) {
    requests.push_back({context,
                        DivisionDefined{division.code, division.name, division.valid_from,
                                        division.valid_until.value_or(Date())},
                        {}});
  }
  submit(requests);
}

IdentityKey IdentityKey::generate() {
  if (sodium_init() < 0) {
    throw_error(ErrorKind::kIntegrityError, "libsodium failed to initialise",
                "密码库 libsodium 初始化失败，无法生成密钥：请联系技术支持");
  }
  IdentityKey key;
  randombytes_buf(key.key_.data(), key.key_.size());
  return key;
}

IdentityKey IdentityKey::from_bytes(ByteView bytes) {
  if (bytes.size() != 32) {
    throw_invalid(
        "identity key", std::to_string(bytes.size()) + " bytes", "must be 32 bytes",
        "身份证号码密钥须恰好 32 个字节，这里是 " + std::to_string(bytes.size()) + " 个字节");
  }
  IdentityKey key;
  std::copy(bytes.begin(), bytes.end(), key.key_.begin());
  return key;
}

IdentityKey IdentityKey::load(const std::string& path) {
  std::string text = read_private_file(path, "identity key");
  Bytes bytes;
  try {
    bytes = from_hex(text, "identity key file");
  } catch (const Error&) {
    bytes.clear();  // the message would quote the secret: say what is wrong without it
  }
  sodium_memzero(text.data(), text.size());
  if (bytes.size() != 32) {
    sodium_memzero(bytes.data(), bytes.size());
    throw_invalid(
        "identity key file", path + " (contents not shown: they are secret)",
        "must hold the key as 64 hex digits",
        "身份证号码密钥文件的内容须是 64 位十六进制数字（内容保密，不在此显示）：文件可能被改动"
        "或拿错了，请换用县里保存的原密钥文件");
  }
  IdentityKey key = from_bytes(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

void IdentityKey::save(const std::string& path) const {
  std::string text = to_hex(key_) + "\n";
  write_new_file(path, text, 0600);
  sodium_memzero(text.data(), text.size());
}

IdentityKey::~IdentityKey() { sodium_memzero(key_.data(), key_.size()); }

Bytes IdentityKey::hash(std::string_view identity_number, std::string_view field) const {
  check_identity_number(identity_number, field);
  Bytes out(crypto_auth_hmacsha256_BYTES);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state,
                                reinterpret_cast<const unsigned char*>(identity_number.data()),
                                identity_number.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  return out;
}

}  // namespace taizhang
