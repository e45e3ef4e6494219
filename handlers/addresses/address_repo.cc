// Addresses SQL; see address_repo.h.
#include "handlers/addresses/address_repo.h"

#include "db/sql.h"

namespace rz::addresses {
namespace {

const char* kColumns =
    "SELECT id, name, phone, province, city, district, detail, is_default FROM user_addresses";

AddressRow Row(const soci::row& r) {
  AddressRow a;
  a.id = RowInt(r, 0);
  a.name = RowStr(r, 1);
  a.phone_enc = RowStr(r, 2);
  a.province = RowStr(r, 3);
  a.city = RowStr(r, 4);
  a.district = RowStr(r, 5);
  a.detail = RowStr(r, 6);
  a.is_default = RowInt(r, 7) != 0;
  return a;
}

long long LL(int64_t v) { return static_cast<long long>(v); }

using OptParam = NullableParam;

}  // namespace

std::vector<AddressRow> AddressRepo::List(soci::session& s, int64_t user_id) {
  std::vector<AddressRow> out;
  SqlQuery q(kColumns);
  // idx_user_addresses_user_default read backwards: no filesort.
  q.Append(" WHERE user_id = ? ORDER BY is_default DESC, created_at DESC, id DESC", LL(user_id));
  q.ForEach(s, [&](const soci::row& r) { out.push_back(Row(r)); });
  return out;
}

std::optional<AddressRow> AddressRepo::FindForUpdate(soci::session& s, int64_t user_id,
                                                     int64_t id) {
  std::optional<AddressRow> out;
  SqlQuery q(kColumns);
  q.Append(" WHERE id = ? AND user_id = ? FOR UPDATE", LL(id), LL(user_id));
  q.ForEach(s, [&](const soci::row& r) { out = Row(r); });
  return out;
}

std::optional<AddressRow> AddressRepo::Find(soci::session& s, int64_t user_id, int64_t id) {
  std::optional<AddressRow> out;
  SqlQuery q(kColumns);
  q.Append(" WHERE id = ? AND user_id = ?", LL(id), LL(user_id));
  q.ForEach(s, [&](const soci::row& r) { out = Row(r); });
  return out;
}

int64_t AddressRepo::Count(soci::session& s, int64_t user_id) {
  return SqlQuery()
      .Append("SELECT COUNT(*) FROM user_addresses WHERE user_id = ?", LL(user_id))
      .ScalarInt(s);
}

void AddressRepo::ClearDefault(soci::session& s, int64_t user_id) {
  SqlQuery()
      .Append("UPDATE user_addresses SET is_default = 0 WHERE user_id = ? AND is_default = 1",
              LL(user_id))
      .Exec(s);
}

int64_t AddressRepo::Insert(soci::session& s, int64_t user_id, const AddressFields& f,
                            bool is_default) {
  long long uid = user_id;
  int def = is_default ? 1 : 0;
  std::string name = f.name.value_or(""), phone = f.phone_enc.value_or(""),
              hash = f.phone_hash.value_or(""), province = f.province.value_or(""),
              city = f.city.value_or(""), district = f.district.value_or(""),
              detail = f.detail.value_or("");
  s << "INSERT INTO user_addresses (user_id, name, phone, phone_hash, province, city, district, "
       "detail, is_default) VALUES (:uid, :name, :phone, :hash, :province, :city, :district, "
       ":detail, :def)",
      soci::use(uid), soci::use(name), soci::use(phone), soci::use(hash), soci::use(province),
      soci::use(city), soci::use(district), soci::use(detail), soci::use(def);
  return SqlQuery("SELECT LAST_INSERT_ID()").ScalarInt(s);
}

void AddressRepo::Update(soci::session& s, int64_t user_id, int64_t id, const AddressFields& f,
                         std::optional<bool> is_default) {
  OptParam name(f.name), phone(f.phone_enc), hash(f.phone_hash), province(f.province), city(f.city),
      district(f.district), detail(f.detail);
  int def = is_default.value_or(false) ? 1 : 0;
  soci::indicator def_ind = is_default ? soci::i_ok : soci::i_null;
  long long lid = id, uid = user_id;
  s << "UPDATE user_addresses SET name = COALESCE(:name, name), "
       "phone = COALESCE(:phone, phone), phone_hash = COALESCE(:hash, phone_hash), "
       "province = COALESCE(:province, province), city = COALESCE(:city, city), "
       "district = COALESCE(:district, district), detail = COALESCE(:detail, detail), "
       "is_default = COALESCE(:def, is_default) WHERE id = :id AND user_id = :uid",
      soci::use(name.value, name.ind), soci::use(phone.value, phone.ind),
      soci::use(hash.value, hash.ind), soci::use(province.value, province.ind),
      soci::use(city.value, city.ind), soci::use(district.value, district.ind),
      soci::use(detail.value, detail.ind), soci::use(def, def_ind), soci::use(lid), soci::use(uid);
}

void AddressRepo::Delete(soci::session& s, int64_t user_id, int64_t id) {
  SqlQuery()
      .Append("DELETE FROM user_addresses WHERE id = ? AND user_id = ?", LL(id), LL(user_id))
      .Exec(s);
}

void AddressRepo::MakeNewestDefault(soci::session& s, int64_t user_id) {
  SqlQuery()
      .Append(
          "UPDATE user_addresses SET is_default = 1 WHERE user_id = ? "
          "ORDER BY created_at DESC, id DESC LIMIT 1",
          LL(user_id))
      .Exec(s);
}

}  // namespace rz::addresses
