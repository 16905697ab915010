/** The help texts: one per command, printed by `--help` and `openfigures help <command>`. */
import { DEFAULT_LIMITS } from "../fetch/limits.js";
import { DEFAULT_GRACE_SECONDS, DEFAULT_HOST, DEFAULT_LIMIT, DEFAULT_OUT, DEFAULT_PORT, DEFAULT_RAW } from "./args.js";
import { DEFAULT_PROGRESS_EVERY_SECONDS } from "./progress-options.js";

export const HELP: Record<string, string> = {
  main: `openfigures: turns published figures into checked, documented open datasets

Usage: openfigures <command> [options]

Commands:
  list                     the registered pipelines, their inputs (file and
                           reader) and outputs
  run <id...> | --all      ingest, validate, transform and publish
  validate <id...> | --all ingest and validate only; publishes nothing
  verify <id...> | --all   check the current release against its release.json
  fetch <id...> | --all    download the remote inputs into <raw>/<id>/
  schedule [--only ID]...  run pipelines on their cron schedules until stopped
  history [id...]          the recorded runs (manual and scheduled)
  status [id...]           last run, outcome, next run, overdue or not
  serve                    serve the published files over HTTP
  site                     rebuild the catalogue pages, catalog.json, feed.xml
  help [command]           help for a command

Options for every command:
  -h, --help               show help
      --version            print the version
A flag's value follows it (--raw DIR) or is attached (--raw=DIR); a value
that starts with "-" must be attached. A missing or empty value is an error.

Exit codes: 0 success; 1 the data failed (too many rejected rows, an
unreadable input, too many observations removed, or a stage failed); 2 usage
or definition error; 3 another run of the pipeline holds its lock. With
several pipelines: the worst code, a failure (1) before a locked pipeline (3).

Environment:
  OPENFIGURES_REGISTRY     a module exporting \`pipelines\` to use instead of
                           pipelines/index.ts (tests, other pipeline sets)
  OPENFIGURES_WORKERS      worker threads for a large figures or table file
                           (default: one per core, up to 4, for files of 8 MiB
                           or more; 0: read everything in the main thread)
  OPENFIGURES_BASE_URL     where <out> is served (https://data.example.org/):
                           absolute URLs in catalog.json, feed.xml and JSON-LD`,

  list: `Usage: openfigures list [--json]

Lists the registered pipelines with their title, inputs, outputs and schedule.
Each input is shown with the reader of its layout: "figures.csv (figures)",
"sources.csv (sources)", "API_SP.POP.TOTL_DS2_en_csv_v2_4150946.csv (world-bank)";
the readers (figures, sources, long, wide, world-bank, world-bank-countries)
are described in docs/readers.md.

Options:
      --json               print the list as JSON`,

  run: `Usage: openfigures run <id...> | --all [options]

Runs pipelines: reads each input of <raw>/<id>/ with its reader and dialect,
checks every value (a row of the figures layout, each non-empty cell of a
table), derives indicators, computes the aggregates of groups (the World,
regions) from their members and publishes to <out>/<id>/, each figure with the
file, line and column it was read from. Prints a summary per stage, each
input's accounting (values in = published + rejected; a table's empty cells
counted apart as missing), the aggregates (group periods published, and left
out for coverage) and the issues found (a table by code, then the first
issues of each code with their rows), or the RunResult as JSON.
Rejected rows, cells and records go to <out>/<id>/rejects.csv and every issue
to <out>/<id>/validation.json. A file not in its declared layout fails its
input, located. When more values are rejected than the tolerance allows, the
run fails (exit 1), publishes nothing, keeps the previous outputs,
and leaves its reports in <out>/<id>/unpublished/. So does a run that would
remove more of the current release's observations than the pipeline's
maxRemoved allows (default 50%), or any while an input has no data rows (a
truncated delivery): the shrink guard, which --allow-shrink lifts.

A run that publishes (or finds its release up to date) then writes the
dataset's page <out>/<id>/index.html and the catalogue <out>/index.html,
catalog.json and feed.xml ("openfigures site --help"); OPENFIGURES_BASE_URL
gives them absolute URLs. If they cannot be written, the run says so and its
release stands.

A run first repairs <out>/<id>/ and says what it found ("recovered: ..."): it
removes what an interrupted run left, rebuilds a lost or unusable releases.json
from the release folders, points a broken "current" link at a complete
release, and rebuilds a current release with a file missing or of the wrong
size. It never deletes a release or anything it did not write: other entries
under releases/ are reported, and a file where releases/ or current belongs
fails the run with what to move (see docs/outputs.md, Publishing). Then it checks
each input that <raw>/<id>/snapshots.json records: a file that is not the
one recorded (a fetch killed half-way, a hand edit) is completed from the
killed fetch's own record when that describes it, else the run fails
(exit 1) saying what to do; nothing is published from it.

Each run holds the lock <out>/<id>/.lock and appends a record to
<out>/<id>/history.jsonl (all but a run that cannot create the lock at all,
e.g. a folder it may not write). If another run (manual or scheduled, on any
host sharing the folder) holds the lock, the pipeline is not run: a message
names the holder and the exit code is 3. A lock whose process died (or whose
pid now belongs to another process) is taken over, and the takeover is
reported. If .lock is not a file (a directory, say), the run exits 1 with a
line saying what to do.

With --fetch, the remote inputs are fetched first (as "openfigures fetch"
does), under the same lock; what the fetch did is printed first and kept in
the run's history record. A fetch that fails (any file) fails the run
before it starts: the current release stays as it was.

With --scheduled (for a systemd timer or a Kubernetes CronJob), each run is
recorded as the pipeline's scheduled run for its latest slot, and a run
that fails for a transient reason (an I/O error, a missing input, a fetch
that failed on a timeout, a connection error or a 5xx) is retried as the
pipeline's schedule.retries says; a 4xx or a body the input's reader
refuses is not. A schedule with fetch: true fetches first, as --fetch.

Progress goes to stderr, never to stdout or the --json output: on a
terminal, one line redrawn in place (stage, rows, rows/s, an estimate of the
time left from bytes read) from a run's first second, cleared at its end;
otherwise a JSON line {"event":"progress",...} every 5 s (docs/progress.md).

Options:
      --all                run every registered pipeline
      --raw DIR            raw data folder (default ${DEFAULT_RAW})
      --out DIR            output folder (default ${DEFAULT_OUT})
      --strict             treat warnings as errors
      --max-rejected N     tolerate N rejected values (rows, table cells), or
                           a share such as 5%
                           (default: the pipeline's maxRejected, else 0)
      --report-examples N  list the first N issues of each code in
                           validation.json; counts stay exact (default: the
                           pipeline's reportExamples, else 1000)
      --force              rebuild even when nothing changed since the
                           current release (otherwise: "up to date")
      --allow-shrink       publish even when the shrink guard would refuse
                           the run (see above); with a fetch, accept a file
                           with far fewer data rows too
      --scheduled          run as the scheduled run (see above)
      --fetch              fetch the remote inputs first (see above)
      --connect-timeout S, --timeout S, --max-size SIZE, --retries N
                           the fetch's limits, as for "openfigures fetch"
                           (only with a fetch)
      --progress MODE      auto (default: line on a terminal, else json),
                           line, json or off
      --progress-every S   seconds between JSON progress events (default ${DEFAULT_PROGRESS_EVERY_SECONDS})
      --json               print the RunResult(s) as JSON
  -h, --help               show this help`,

  validate: `Usage: openfigures validate <id...> | --all [options]

Reads and checks the inputs of pipelines without publishing anything, and
prints the validation report; it derives nothing and computes no aggregates
(so checks.aggregateMatches does not run). The full report (validation.json,
rejects.csv) is written to <out>/<id>/unpublished/. Exits 1 when the rows
rejected exceed the tolerance or an input cannot be read. Progress goes to
stderr, as for run.

Options:
      --all                validate every registered pipeline
      --raw DIR            raw data folder (default ${DEFAULT_RAW})
      --out DIR            where the report goes (default ${DEFAULT_OUT})
      --strict             treat warnings as errors
      --max-rejected N     tolerate N rejected values (rows, table cells), or
                           a share such as 5%
      --report-examples N  list the first N issues of each code in
                           validation.json (default: the pipeline's
                           reportExamples, else 1000)
      --progress MODE      auto (default: line on a terminal, else json),
                           line, json or off
      --progress-every S   seconds between JSON progress events (default ${DEFAULT_PROGRESS_EVERY_SECONDS})
      --json               print the RunResult(s) as JSON
  -h, --help               show this help`,

  verify: `Usage: openfigures verify <id...> | --all [--out DIR] [--release ID] [--json]

Recomputes the size and sha256 of every file that the release's release.json
lists (every file of the release, datapackage.json included, but run.json,
release.json and the hidden rows index .rows-v3) and compares them with it,
and checks that the stable paths in <out>/<id>/ lead to the current release.
--release takes an id from <out>/<id>/releases/. Exits 1 on any mismatch.

Options:
      --all                verify every registered pipeline
      --out DIR            output folder (default ${DEFAULT_OUT})
      --release ID         verify this release instead of the current one
      --json               print the result as JSON
  -h, --help               show this help`,

  fetch: `Usage: openfigures fetch <id...> | --all [options]

Downloads each remote input (one whose definition, or else snapshots.json,
names a url) into <raw>/<id>/ and records it in <raw>/<id>/snapshots.json:
url, sha256, bytes, retrieval time, ETag and Last-Modified, and for a zip
archive the member taken and the archive's sha256. Requests are conditional
(a 304 keeps the file); the same bytes change nothing. New bytes must pass
the input's reader (its header) and must not have far fewer data rows than
the current file (more than half gone, or none left); then the file is
replaced atomically, then snapshots.json.

Every failure (timeouts, connection errors and 5xx after retries, a 4xx,
too many redirects, a body shorter than its Content-Length, an HTML page
instead of the data, the size limit, a body the reader rejects) leaves the
file and snapshots.json as they were and is printed with the url, the
status and the reason; the exit code is then 1. A file that does not match
snapshots.json (a fetch killed between the two) is repaired by the next
fetch. Proxies: http_proxy, https_proxy/HTTPS_PROXY, no_proxy/NO_PROXY.

A fetch holds the pipeline's lock, <out>/<id>/.lock, the one runs take: while
a run or another fetch of the pipeline holds it, the pipeline is not fetched,
a message names the holder and the exit code is 3 (a failure elsewhere, 1,
comes first). A fetch is not a run: it adds nothing to the run history.

Options:
      --all                fetch for every registered pipeline
      --raw DIR            raw data folder (default ${DEFAULT_RAW})
      --out DIR            output folder, where the lock is (default ${DEFAULT_OUT})
      --allow-shrink       accept a file with far fewer data rows
      --connect-timeout S  seconds to connect (default ${DEFAULT_LIMITS.connectTimeoutMs / 1000})
      --timeout S          seconds for one attempt at a download, body
                           included (default ${DEFAULT_LIMITS.totalTimeoutMs / 1000})
      --max-size SIZE      size limit, e.g. 500M or 2G (default ${DEFAULT_LIMITS.maxBytes / (1 << 30)}G)
      --retries N          retries of a transient failure (default ${DEFAULT_LIMITS.retries})
      --json               print the results as JSON
  -h, --help               show this help`,

  schedule: `Usage: openfigures schedule [--only ID]... [options]

Runs until stopped. Loads every pipeline that declares a schedule (or those
named with --only), prints each one's next run times, runs each when due and
logs every run's start, end, outcome and duration: human lines on a
terminal, JSON lines otherwise. A failed run is logged and the scheduler
goes on; transient failures are retried as the pipeline's schedule.retries
says. On start, a pipeline whose run fell due while no scheduler ran runs
once (unless its schedule says catchUp: false).

A pipeline whose schedule says fetch: true fetches its remote inputs first,
under the run's lock, as "openfigures run --fetch" does; a fetch that failed
on a timeout, a connection error or a 5xx is transient (retried), a 4xx or
a body the input's reader refuses is not. Each run's end says what its fetch
did, file by file.

Runs take the same lock as "openfigures run" and are recorded in the same
history. SIGINT/SIGTERM: no new runs; a run in progress may finish within
the grace period, then it is cut off (the previous outputs stay as they
were) and the scheduler exits 0. A second signal cuts off at once, without
waiting for the run to stop.

While a run goes on, a progress event (stage, rows, rows/s, time left) joins
the log every 5 s, unless --progress off (docs/progress.md).

Options:
      --only ID            schedule only this pipeline (repeatable)
      --raw DIR            raw data folder (default ${DEFAULT_RAW})
      --out DIR            output folder (default ${DEFAULT_OUT})
      --grace SECONDS      how long a run may go on after a stop signal
                           (default ${DEFAULT_GRACE_SECONDS})
      --strict             treat warnings as errors
      --connect-timeout S, --timeout S, --max-size SIZE, --retries N
                           the limits of the fetch before a run, as for
                           "openfigures fetch" (only for a schedule with
                           fetch: true)
      --progress MODE      auto (default: progress events in the log) or off
      --progress-every S   seconds between progress events (default ${DEFAULT_PROGRESS_EVERY_SECONDS})
      --json               JSON lines even on a terminal
  -h, --help               show this help`,

  history: `Usage: openfigures history [id...] [--out DIR] [--limit N|all] [--json]

Prints the recorded runs of the named pipelines (default: all), oldest first:
start, trigger (manual, scheduled, catch-up), attempt, outcome (succeeded,
up-to-date, failed, locked, cancelled, abandoned), duration, rows, exit code,
and the release or the error; under a run that fetched first (run --fetch,
a schedule with fetch: true), what its fetch did, file by file (unchanged,
updated from which sha256 to which, recorded, or failed with url, status and
reason). Read from <out>/<id>/history.jsonl. Exits 1 when a history.jsonl is
not a file (a directory, say), naming it.

Options:
      --out DIR            output folder (default ${DEFAULT_OUT})
      --limit N            the latest N runs (default ${DEFAULT_LIMIT}), or "all"
      --json               print the records as JSON
  -h, --help               show this help`,

  status: `Usage: openfigures status [id...] [--out DIR] [--json]

For each pipeline (default: all): its schedule, the last run and its
outcome, the last success, the last fetch before a run (when, which run,
and each file's result), a run in progress (the lock's holder) or a stale
lock (its holder is gone; the next run takes it over), the next scheduled
run, and whether a scheduled run is overdue (due over a minute ago and not
started). Exits 1 when a pipeline's .lock or history.jsonl is not a
file (a directory, say), naming it; the other pipelines are still shown.

Options:
      --out DIR            output folder (default ${DEFAULT_OUT})
      --json               print the status as JSON
  -h, --help               show this help`,

  serve: `Usage: openfigures serve [--out DIR] [--host HOST] [--port N] [--json]

Serves the output folder over HTTP, read-only, until stopped:
  /<id>/<file>                          the current release (e.g. indicators.csv)
  /<id>/releases/<release id>/<file>    any kept release, pinned
  /<id>/releases.json                   the releases and which one is current
and a folder holding an index.html as that page. No folder is listed. GET
and HEAD only (other methods: 405).

Responses carry the file's type, an ETag (its sha256; If-None-Match gets
304), Last-Modified, byte ranges (206; 416 past the end), gzip when asked
(text only), Access-Control-Allow-Origin: * on data files (CSV, JSON, PDF,
XML), and Cache-Control: a year and immutable under releases/, revalidate
every time elsewhere. Anything outside the folder, hidden files, the run
history (history.jsonl) and unpublished/ are 404.

Prints where it listens, then one line per request (method, path, status,
bytes, milliseconds, user agent): JSON lines unless on a terminal.
SIGINT/SIGTERM: no new connections, requests in flight finish, exit 0; a
second signal cuts them off.

Options:
      --out DIR            folder to serve (default ${DEFAULT_OUT})
      --host HOST          address to listen on (default ${DEFAULT_HOST}; 0.0.0.0
                           for every interface)
      --port N             port (default ${DEFAULT_PORT}; 0 picks a free one)
      --json               JSON lines even on a terminal
  -h, --help               show this help

Exit codes: 0 stopped by a signal; 1 cannot listen on the address (in use,
not this machine's); 2 usage error, or no such folder.`,

  site: `Usage: openfigures site [--out DIR] [--base-url URL] [--json]

Rebuilds the catalogue site of the output folder from what is published
there (no pipeline definition is read, so a copied folder works):
  <out>/index.html        every dataset: title, description, licence,
                          latest release and time, rows, links
  <out>/<id>/index.html   one page per dataset: downloads (latest and
                          pinned), figures and charts, first rows, schema,
                          indicators, sources (their raw files, quotes),
                          validation, changes, release history;
                          schema.org JSON-LD
  <out>/catalog.json      the datasets and links to their data packages
  <out>/feed.xml          Atom feed, an entry per release
Every run that publishes writes them too. Pages link relatively, so the
folder works on any static host and behind "openfigures serve".

A dataset needs releases.json and, in its current release, release.json
and datapackage.json; validation.json, changes.json and the data CSV are
shown when present. A page is written under its pipeline's lock: while a run
holds it, that page is left to the run. The catalogue files are written
under a site-wide lock (<out>/.site-lock/).

Options:
      --out DIR            output folder (default ${DEFAULT_OUT})
      --base-url URL       where <out> is served (https://data.example.org/;
                           default: $OPENFIGURES_BASE_URL): catalog.json,
                           feed.xml and JSON-LD then give absolute URLs,
                           else relative ones
      --json               print the result as JSON
  -h, --help               show this help

Exit codes: 0 written; 1 a dataset's files could not be read; 2 usage error,
or no such folder; 3 a page was left to a run holding its lock.`,

  help: `Usage: openfigures help [command]

Shows help for a command.`,
};
