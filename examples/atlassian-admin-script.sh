#!/usr/bin/env bash
# An admin's script written only from Atlassian's "API Access" documentation
# (shared/atlassian/CONTRACT.md): nothing in it knows about Tokenward but the base URL.
#
#   BASE=https://api.atlassian.com   KEY=<org admin API key>   ./atlassian-admin-script.sh
#   BASE=http://127.0.0.1:8080       KEY=twa_...               ./atlassian-admin-script.sh
#
# 1. find the org id; 2. list every user API token, following links.next; 3. check the count;
# 4. revoke every token of the first service account; 5. revoke every managed user's token.
set -euo pipefail
: "${BASE:?set BASE}" "${KEY:?set KEY}"
api() { curl -sS --fail-with-body -H "Authorization: Bearer $KEY" -H 'Accept: application/json' "$@"; }

ORG_ID=$(api "$BASE/admin/v1/orgs" | jq -r '.data[0].id')
echo "org: $ORG_ID"
ACCESS="$BASE/admin/api-access/v1/orgs/$ORG_ID"

listed=0
cursor=""
while :; do
  page=$(api -G "$ACCESS/api-tokens" --data-urlencode "pageSize=2" ${cursor:+--data-urlencode "cursor=$cursor"})
  listed=$((listed + $(jq '.data | length' <<<"$page")))
  cursor=$(jq -r '.links.next // empty' <<<"$page")
  [ -n "$cursor" ] || break
done
counted=$(api "$ACCESS/api-tokens/count")
echo "listed: $listed counted: $counted"
[ "$listed" -eq "$counted" ] || { echo "list and count disagree" >&2; exit 1; }

sa_id=$(api "$ACCESS/service-accounts" | jq -r '.items[0].id // empty')
if [ -n "$sa_id" ]; then
  before=$(api -X POST -H 'Content-Type: application/json' -d "[\"$sa_id\"]" "$ACCESS/service-accounts/count" | jq '.validServiceAccountIds[0].credentialsCount')
  api -X DELETE "$ACCESS/service-accounts/$sa_id/api-tokens" >/dev/null
  after=$(api -X POST -H 'Content-Type: application/json' -d "[\"$sa_id\"]" "$ACCESS/service-accounts/count" | jq '.validServiceAccountIds[0].credentialsCount')
  echo "service account $sa_id tokens: $before -> $after"
fi

api -X DELETE "$ACCESS/api-tokens" >/dev/null
echo "after bulk revoke: $(api "$ACCESS/api-tokens/count")"
