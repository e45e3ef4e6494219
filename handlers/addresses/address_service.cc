// Addresses service; see address_service.h.
#include "handlers/addresses/address_service.h"

#include "users/user_lock.h"

#include "core/error.h"
#include "core/log.h"

namespace rz::addresses {

AddressFields AddressService::Encrypt(const AddressInput& in) const {
  AddressFields f;
  f.name = in.name;
  f.province = in.province;
  f.city = in.city;
  f.district = in.district;
  f.detail = in.detail;
  if (in.phone) {
    f.phone_enc = cipher_.Encrypt(*in.phone);
    f.phone_hash = cipher_.BlindIndex(*in.phone);
  }
  return f;
}

Address AddressService::Decrypt(const AddressRow& row) const {
  Address a{row.id, row.name, "", row.province, row.city, row.district, row.detail, row.is_default};
  auto phone = cipher_.Decrypt(row.phone_enc);
  // A phone we cannot decrypt (wrong or rotated key) is shown empty rather than
  // failing the whole list; the log names the row, never the number.
  if (phone) {
    a.phone = *phone;
  } else {
    LogWarn("address phone does not decrypt", {{"address", std::to_string(row.id)}});
  }
  return a;
}

std::vector<Address> AddressService::List(int64_t user_id) {
  std::vector<AddressRow> rows = db_.Run([&](soci::session& s) { return repo_.List(s, user_id); });
  std::vector<Address> out;
  out.reserve(rows.size());
  for (const AddressRow& r : rows) out.push_back(Decrypt(r));
  return out;
}

Address AddressService::Create(int64_t user_id, const AddressInput& in) {
  AddressFields f = Encrypt(in);
  AddressRow row = db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    // The user's row lock, not locks on the address rows: with no address yet
    // there is no row to lock, and two first inserts would both become default.
    if (!LockUserRow(s, user_id)) throw NotFound("user not found");
    int64_t count = repo_.Count(s, user_id);
    if (count >= kMaxAddresses) {
      throw Conflict("address_limit",
                     "at most " + std::to_string(kMaxAddresses) + " addresses per user");
    }
    bool make_default = count == 0 || in.is_default.value_or(false);
    if (make_default) repo_.ClearDefault(s, user_id);
    int64_t id = repo_.Insert(s, user_id, f, make_default);
    auto created = repo_.Find(s, user_id, id);
    tx.commit();
    if (!created) throw NotFound("address not found");
    return *created;
  });
  return Decrypt(row);
}

Address AddressService::Update(int64_t user_id, int64_t id, const AddressInput& in) {
  AddressFields f = Encrypt(in);
  AddressRow row = db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    if (!LockUserRow(s, user_id)) throw NotFound("user not found");
    auto current = repo_.FindForUpdate(s, user_id, id);
    if (!current) throw NotFound("address not found");
    if (in.is_default == false && current->is_default) {
      throw Conflict("invalid_state",
                     "the default address stays default until another one is made default");
    }
    bool becomes_default = in.is_default == true && !current->is_default;
    // Old default off before the new one on: uk_user_addresses_default_owner
    // refuses a second default even for a moment.
    if (becomes_default) repo_.ClearDefault(s, user_id);
    repo_.Update(s, user_id, id, f, becomes_default ? std::optional<bool>(true) : std::nullopt);
    auto updated = repo_.Find(s, user_id, id);
    tx.commit();
    if (!updated) throw NotFound("address not found");
    return *updated;
  });
  return Decrypt(row);
}

void AddressService::Delete(int64_t user_id, int64_t id) {
  db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    if (!LockUserRow(s, user_id)) throw NotFound("user not found");
    auto current = repo_.FindForUpdate(s, user_id, id);
    if (!current) throw NotFound("address not found");
    repo_.Delete(s, user_id, id);
    if (current->is_default) repo_.MakeNewestDefault(s, user_id);
    tx.commit();
    return 0;
  });
}

}  // namespace rz::addresses
