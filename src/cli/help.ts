/** The help texts: one per command, printed by `--help` and `openfigures help <command>`. */
export const HELP: Record<string, string> = {
  main: `openfigures: turns published figures into checked, documented open datasets

Usage: openfigures <command> [options]

Commands:
  list                     the registered pipelines, their inputs and outputs
  run <id...> | --all      ingest, validate, transform and publish
  validate <id...> | --all ingest and validate only; publishes nothing
  verify <id...> | --all   check the current release against its datapackage.json
  help [command]           help for a command

Options for every command:
  -h, --help               show help
      --version            print the version

Exit codes: 0 success; 1 the data failed (too many rejected rows, an
unreadable input, or a stage failed); 2 usage or definition error;
3 another run of the pipeline holds its lock.`,

  list: `Usage: openfigures list [--json]

Lists the registered pipelines with their title, inputs, outputs and schedule.

Options:
      --json               print the list as JSON`,

  run: `Usage: openfigures run <id...> | --all [options]

Runs pipelines: reads <raw>/<id>/, checks every row, derives indicators and
publishes to <out>/<id>/. Prints a summary per stage and the issues found (a
table by code, then the first issues of each code with their rows), or the
RunResult as JSON. Rejected rows go to <out>/<id>/rejects.csv and every issue
to <out>/<id>/validation.json. When more rows are rejected than the tolerance
allows, the run fails (exit 1), publishes nothing, keeps the previous outputs,
and leaves its reports in <out>/<id>/unpublished/.

Options:
      --all                run every registered pipeline
      --raw DIR            raw data folder (default ${"data/raw"})
      --out DIR            output folder (default ${"data/out"})
      --strict             treat warnings as errors
      --max-rejected N     tolerate N rejected rows, or a share such as 5%
                           (default: the pipeline's maxRejected, else 0)
      --force              rebuild even when nothing changed since the
                           current release (otherwise: "up to date")
      --json               print the RunResult(s) as JSON
  -h, --help               show this help`,

  validate: `Usage: openfigures validate <id...> | --all [options]

Reads and checks the inputs of pipelines without publishing anything, and
prints the validation report. The full report (validation.json, rejects.csv)
is written to <out>/<id>/unpublished/. Exits 1 when the rows rejected exceed
the tolerance or an input cannot be read.

Options:
      --all                validate every registered pipeline
      --raw DIR            raw data folder (default ${"data/raw"})
      --out DIR            where the report goes (default ${"data/out"})
      --strict             treat warnings as errors
      --max-rejected N     tolerate N rejected rows, or a share such as 5%
      --json               print the RunResult(s) as JSON
  -h, --help               show this help`,

  verify: `Usage: openfigures verify <id...> | --all [--out DIR] [--release ID] [--json]

Recomputes the size and sha256 of every file of the current release (or of
release ID) and compares them with its datapackage.json, and checks that the
stable paths in <out>/<id>/ lead to the current release. Exits 1 on any
mismatch.

Options:
      --all                verify every registered pipeline
      --out DIR            output folder (default ${"data/out"})
      --release ID         verify this release instead of the current one
      --json               print the result as JSON
  -h, --help               show this help`,

  help: `Usage: openfigures help [command]

Shows help for a command.`,
};
