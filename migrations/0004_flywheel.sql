-- The flywheel (README "The flywheel"): labels attached to traces, and routing rows from shadow
-- comparisons. Both keep a copy of the text they label, as the trace captured it (the policy's
-- capture setting applies: redacted by default), so labels outlive trace retention.
-- Times are Unix epoch milliseconds.

-- POST /admin/feedback. kind is 'guard' (label is benign, prompt_injection, jailbreak, harmful or
-- toxic; side says whether it is about the request's input or the answer) or 'route' (small_ok,
-- needs_large; weak and strong name the policy's small and large models). source is 'human' or
-- 'grader:<name>'. Several labels per trace may exist: the dataset keeps a human's latest.
CREATE TABLE feedback (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  side TEXT NOT NULL DEFAULT 'input',
  note TEXT,
  source TEXT NOT NULL,
  text TEXT,
  weak TEXT,
  strong TEXT
);
CREATE INDEX feedback_request_id ON feedback (request_id);
CREATE INDEX feedback_created_at ON feedback (created_at);

-- Shadow comparisons: one routing row (../shared/README.md "routing") per sampled request, q_weak
-- and q_strong in [0, 1] as the grader judged them; detail holds the grader's verdict and the
-- shadow call's usage and cost.
CREATE TABLE routing_labels (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  weak TEXT NOT NULL,
  strong TEXT NOT NULL,
  q_weak REAL NOT NULL,
  q_strong REAL NOT NULL,
  source TEXT NOT NULL,
  license TEXT NOT NULL,
  grader TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX routing_labels_request_id ON routing_labels (request_id);
CREATE INDEX routing_labels_created_at ON routing_labels (created_at);
