-- The referral code of loaded participant n (1..N), exactly as load-*.sql computes it:
-- the base-31 digits, least significant first, of (n * 2654435761) mod 31^8.
-- Doubles hold these integers exactly (n * 2654435761 < 2^53 for n < 3.3 million); math.fmod
-- is exact, and each step divides a multiple of 31, so no rounding creeps in.
local ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
local MODULUS = 852891037441 -- 31^8

function referral_code(n)
  local x = math.fmod(n * 2654435761, MODULUS)
  local code = {}
  for i = 1, 8 do
    local d = math.fmod(x, 31)
    code[i] = ALPHABET:sub(d + 1, d + 1)
    x = (x - d) / 31
  end
  return table.concat(code)
end
