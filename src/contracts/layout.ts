/**
 * The names inside a pipeline's output folder `<out>/<id>/`, in one place: the release machinery,
 * the runner, the scheduler and the CLI all find each other's files by these names.
 */

/** The immutable release folders, `releases/<release id>/`. */
export const RELEASES_DIR = "releases";
/** The symlink naming the current release; the stable paths are symlinks through it. */
export const CURRENT_LINK = "current";
/** The catalogue of releases, newest last. */
export const INDEX_FILE = "releases.json";
/** Each release folder holds its own record, so releases.json can be rebuilt from the folders. */
export const RELEASE_RECORD = "release.json";
/** The engine's reports, written by every run beside the targets' outputs (rejects.ts,
 *  validation.ts, changes.ts); no target may take their names. */
export const REJECTS_FILE = "rejects.csv";
export const VALIDATION_FILE = "validation.json";
export const CHANGES_FILE = "changes.json";
/** Where a run that publishes nothing leaves its reports. */
export const UNPUBLISHED_DIR = "unpublished";
/** The run's result, beside the files it published (or in unpublished/). */
export const RUN_FILE = "run.json";
/** The run history, one JSON record per line. */
export const LEDGER_FILE = "history.jsonl";
/** The lock a run holds on the pipeline. */
export const LOCK_FILE = ".lock";
/** A release being written, before it is moved into releases/. */
export const STAGING_PREFIX = ".staging-";
/** A release being deleted (keepReleases), renamed inside releases/ first so that a run killed
 *  while deleting it leaves only a name the next run knows to remove. */
export const PRUNED_PREFIX = ".pruned-";
/** A run's workspace for spill files; removed when the run ends. */
export const WORK_PREFIX = ".work-";
/** The dataset's page, `<out>/<id>/index.html`, and the catalogue's, `<out>/index.html`
 *  (src/site/): derived from what is published, rewritten after each publish. */
export const PAGE_FILE = "index.html";
/** The machine-readable catalogue and the Atom feed of releases, in `<out>/`. */
export const CATALOG_FILE = "catalog.json";
export const FEED_FILE = "feed.xml";
