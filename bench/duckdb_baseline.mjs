// duckdb_baseline.mjs - the DuckDB baseline of make bench: reads a raw
// file, computes the monthly KPIs, the cohort matrix and RFM scores with
// the SQL of bench/sql/ (duckdb_<source>.sql, then metrics.sql), and writes
// the sections metrics.sql selects as CSV, for bench/run.sh to compare
// with compute's outputs.
//
//   node bench/duckdb_baseline.mjs --source retail|shopify --raw FILE
//        --report YYYY-MM --as-of DAYS --depth N --out FILE
//
// --as-of is the day after the report month, in days since 1970-01-01.
// Exit 0 on success, 2 on a usage error, 1 when DuckDB fails.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
	const opts = {};
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i];
		const value = argv[i + 1];
		if (!key.startsWith('--') || value === undefined)
			return null;
		opts[key.slice(2)] = value;
	}
	for (const need of ['source', 'raw', 'report', 'as-of', 'depth', 'out'])
		if (!(need in opts))
			return null;
	if (!/^(retail|shopify)$/.test(opts.source) || !/^\d{4}-\d{2}$/.test(opts.report) ||
	    !/^\d+$/.test(opts['as-of']) || !/^\d+$/.test(opts.depth))
		return null;
	return opts;
}

// Statements of a SQL file: comment lines dropped, split at a ';' that
// ends a line (the files hold no ';' inside a string).
function statements(path, raw) {
	const text = readFileSync(path, 'utf8')
		.split('\n')
		.filter((line) => !/^\s*--/.test(line))
		.join('\n')
		.replaceAll('${RAW}', raw.replaceAll("'", "''"));
	return text.split(/;\s*$/m).map((s) => s.trim()).filter((s) => s.length > 0);
}

const opts = parseArgs(process.argv.slice(2));
if (!opts) {
	process.stderr.write('usage: node duckdb_baseline.mjs --source retail|shopify --raw FILE ' +
			     '--report YYYY-MM --as-of DAYS --depth N --out FILE\n');
	process.exit(2);
}
const [year, month] = opts.report.split('-').map(Number);
const sql = [
	`CREATE TEMP TABLE param AS SELECT ${year * 12 + month - 1} AS report, ` +
		`${opts['as-of']} AS as_of, ${opts.depth} AS depth`,
	...statements(join(here, 'sql', `duckdb_${opts.source}.sql`), opts.raw),
	...statements(join(here, 'sql', 'metrics.sql'), opts.raw),
];

try {
	const db = await DuckDBInstance.create(':memory:');
	const con = await db.connect();
	const out = [];
	for (const s of sql) {
		if (/^SELECT/i.test(s)) {
			const reader = await con.runAndReadAll(s);
			for (const row of reader.getRows())
				out.push(row.map((v) => (v === null ? '' : String(v))).join(','));
		} else {
			await con.run(s);
		}
	}
	writeFileSync(opts.out, out.join('\n') + '\n');
	con.closeSync();
	db.closeSync();
} catch (e) {
	process.stderr.write(`duckdb_baseline: ${e.message}\n`);
	process.exit(1);
}
