// All SQL of the addresses area (user_addresses). Every method runs on the
// caller's session so the service can group them in one transaction; values are
// always bound and every row is addressed with its user_id.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rz::addresses {

// A stored address; phone is still the ciphertext.
struct AddressRow {
  int64_t id = 0;
  std::string name, phone_enc, province, city, district, detail;
  bool is_default = false;
};

// Columns to write. For an update, unset members keep their value.
struct AddressFields {
  std::optional<std::string> name, phone_enc, phone_hash, province, city, district, detail;
};

class AddressRepo {
 public:
  // Default first, then newest.
  std::vector<AddressRow> List(soci::session& s, int64_t user_id);
  // Locking read (FOR UPDATE) of one of the user's addresses.
  std::optional<AddressRow> FindForUpdate(soci::session& s, int64_t user_id, int64_t id);
  std::optional<AddressRow> Find(soci::session& s, int64_t user_id, int64_t id);
  int64_t Count(soci::session& s, int64_t user_id);
  // Clears the user's default flag (at most one row has it).
  void ClearDefault(soci::session& s, int64_t user_id);
  // All fields must be set. Returns the new id.
  int64_t Insert(soci::session& s, int64_t user_id, const AddressFields& f, bool is_default);
  void Update(soci::session& s, int64_t user_id, int64_t id, const AddressFields& f,
              std::optional<bool> is_default);
  void Delete(soci::session& s, int64_t user_id, int64_t id);
  // Makes the user's newest address the default (no-op without addresses).
  void MakeNewestDefault(soci::session& s, int64_t user_id);
};

}  // namespace rz::addresses
