#!/usr/bin/env bash
# Packaging: META.json is a valid PGXN meta-spec 1.0.0 document whose versions agree with
# the control file, and the installed extension is the version the control file names.
set -euo pipefail
cd "$(dirname "$0")/../.."
control_version="$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" remote_relationship.control)"
[ -f "sql/remote_relationship--$control_version.sql" ] || { echo "FAIL: no install script for $control_version"; exit 1; }
node - "$control_version" <<'JS'
const fs = require('fs');
const version = process.argv[2];
const meta = JSON.parse(fs.readFileSync('META.json', 'utf8'));
const fail = (m) => { console.log('FAIL: ' + m); process.exit(1); };
for (const key of ['name', 'abstract', 'version', 'maintainer', 'license', 'provides', 'meta-spec'])
  if (!(key in meta)) fail(`META.json lacks "${key}"`);
if (meta['meta-spec'].version !== '1.0.0') fail('meta-spec version is not 1.0.0');
if (!/^\d+\.\d+\.\d+$/.test(meta.version)) fail(`"${meta.version}" is not a semantic version`);
const ext = meta.provides.remote_relationship;
if (!ext) fail('META.json does not provide remote_relationship');
// PGXN wants x.y.z where the control file says x.y
const semver = version.split('.').length === 2 ? version + '.0' : version;
if (meta.version !== semver || ext.version !== semver) fail(`META.json versions ${meta.version}/${ext.version} != control ${version}`);
if (!fs.existsSync(ext.file)) fail(`provides.file ${ext.file} does not exist`);
console.log(`META.json ok (version ${meta.version})`);
JS
installed="$(psql -X -At -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS remote_relationship" \
  -c "SELECT extversion FROM pg_extension WHERE extname = 'remote_relationship'" | tail -1)"
[ "$installed" = "$control_version" ] || { echo "FAIL: installed version $installed, control says $control_version"; exit 1; }
echo "installed extension version $installed: ok"
