// Credentials whose own format names their issuer. Prefixes and lengths come from the providers'
// documentation and their secret-scanning partner formats (GitHub secret scanning, gitleaks'
// public rule descriptions); bodies are matched loosely ({n,}) so a format that grows stays found.

export interface ProviderRule {
  /** Literal(s) a match starts with; they build the gate scan. */
  prefixes: readonly string[];
  /** Full pattern, anchored at the prefix; a body that is a placeholder is rejected separately. */
  pattern: string;
  type: 'API_KEY' | 'AWS_ACCESS_KEY';
  provider: string;
  /** Characters before the prefix that belong to the match (Azure's "abc8Q~…"). */
  lead?: number;
}

const B62 = '[A-Za-z0-9]';
const URLSAFE = '[A-Za-z0-9_\\-]';

export const PROVIDER_RULES: readonly ProviderRule[] = [
  { prefixes: ['sk-ant-'], pattern: `sk-ant-[a-z]{2,8}\\d{2}-${URLSAFE}{32,}`, type: 'API_KEY', provider: 'anthropic' },
  { prefixes: ['sk-or-v1-'], pattern: 'sk-or-v1-[a-f0-9]{64}', type: 'API_KEY', provider: 'openrouter' },
  { prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-'], pattern: `sk-(?:proj|svcacct|admin|None)-${URLSAFE}{20,}`, type: 'API_KEY', provider: 'openai' },
  { prefixes: ['sk-'], pattern: `sk-${B62}{20}T3BlbkFJ${B62}{20}`, type: 'API_KEY', provider: 'openai' },
  // Plain "sk-" + 32 or more alphanumerics: OpenAI's older keys and the providers that copied the
  // format (DeepSeek, Moonshot, many OpenAI-compatible services).
  { prefixes: ['sk-'], pattern: `sk-${B62}{32,}`, type: 'API_KEY', provider: 'sk' },
  { prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: `gh[pousr]_${B62}{36,}`, type: 'API_KEY', provider: 'github' },
  { prefixes: ['github_pat_'], pattern: 'github_pat_[A-Za-z0-9_]{50,}', type: 'API_KEY', provider: 'github' },
  { prefixes: ['glpat-', 'gldt-', 'glrt-', 'glptt-'], pattern: `gl(?:pat|dt|rt|ptt)-${URLSAFE}{20,}`, type: 'API_KEY', provider: 'gitlab' },
  { prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-'], pattern: 'xox[abposre]-[A-Za-z0-9\\-]{10,}', type: 'API_KEY', provider: 'slack' },
  { prefixes: ['xapp-'], pattern: 'xapp-\\d-[A-Za-z0-9\\-]{10,}', type: 'API_KEY', provider: 'slack' },
  { prefixes: ['hooks.slack.com/services/'], pattern: 'hooks\\.slack\\.com/services/[A-Za-z0-9/]{20,}', type: 'API_KEY', provider: 'slack' },
  { prefixes: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], pattern: `[sr]k_(?:live|test)_${B62}{20,}`, type: 'API_KEY', provider: 'stripe' },
  { prefixes: ['whsec_'], pattern: 'whsec_[A-Za-z0-9+/=]{24,}', type: 'API_KEY', provider: 'stripe' },
  { prefixes: ['AIza'], pattern: `AIza${URLSAFE}{35}`, type: 'API_KEY', provider: 'google' },
  { prefixes: ['GOCSPX-'], pattern: `GOCSPX-${URLSAFE}{28}`, type: 'API_KEY', provider: 'google' },
  { prefixes: ['ya29.'], pattern: `ya29\\.${URLSAFE}{30,}`, type: 'API_KEY', provider: 'google' },
  // AWS key ids: four-letter kind, then 16 characters of base32 (A–Z, 2–7).
  { prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], pattern: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', type: 'AWS_ACCESS_KEY', provider: 'aws' },
  // Azure AD (Entra) client secrets: three characters, a digit, "Q~", then 31–34 characters.
  { prefixes: ['Q~'], lead: 4, pattern: '[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.\\-]{31,34}', type: 'API_KEY', provider: 'azure' },
  { prefixes: ['hf_'], pattern: `hf_${B62}{34,}`, type: 'API_KEY', provider: 'huggingface' },
  { prefixes: ['api_org_'], pattern: `api_org_${B62}{34}`, type: 'API_KEY', provider: 'huggingface' },
  { prefixes: ['npm_'], pattern: `npm_${B62}{36}`, type: 'API_KEY', provider: 'npm' },
  { prefixes: ['pypi-AgEIcHlwaS5vcmc'], pattern: `pypi-AgEIcHlwaS5vcmc${URLSAFE}{50,}`, type: 'API_KEY', provider: 'pypi' },
  { prefixes: ['SG.'], pattern: `SG\\.${URLSAFE}{22}\\.${URLSAFE}{43}`, type: 'API_KEY', provider: 'sendgrid' },
  { prefixes: ['SK'], pattern: 'SK[0-9a-f]{32}', type: 'API_KEY', provider: 'twilio' },
  { prefixes: ['key-'], pattern: 'key-[0-9a-f]{32}', type: 'API_KEY', provider: 'mailgun' },
  { prefixes: ['dop_v1_', 'doo_v1_', 'dor_v1_'], pattern: 'do[opr]_v1_[a-f0-9]{64}', type: 'API_KEY', provider: 'digitalocean' },
  { prefixes: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', type: 'API_KEY', provider: 'shopify' },
  { prefixes: ['gsk_'], pattern: `gsk_${B62}{48,}`, type: 'API_KEY', provider: 'groq' },
  { prefixes: ['xai-'], pattern: `xai-${B62}{60,}`, type: 'API_KEY', provider: 'xai' },
  { prefixes: ['r8_'], pattern: `r8_${B62}{37}`, type: 'API_KEY', provider: 'replicate' },
  { prefixes: ['pplx-'], pattern: `pplx-${B62}{40,}`, type: 'API_KEY', provider: 'perplexity' },
  { prefixes: ['dapi'], pattern: 'dapi[a-f0-9]{32}(?:-\\d)?', type: 'API_KEY', provider: 'databricks' },
  { prefixes: ['lin_api_'], pattern: `lin_api_${B62}{40}`, type: 'API_KEY', provider: 'linear' },
  { prefixes: ['ntn_'], pattern: `ntn_${B62}{40,}`, type: 'API_KEY', provider: 'notion' },
  { prefixes: ['secret_'], pattern: `secret_${B62}{43}`, type: 'API_KEY', provider: 'notion' },
  { prefixes: ['sbp_'], pattern: 'sbp_[a-f0-9]{40}', type: 'API_KEY', provider: 'supabase' },
  { prefixes: ['PMAK-'], pattern: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', type: 'API_KEY', provider: 'postman' },
  { prefixes: ['AGE-SECRET-KEY-1'], pattern: 'AGE-SECRET-KEY-1[0-9A-Z]{58}', type: 'API_KEY', provider: 'age' },
  {
    prefixes: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: `discord(?:app)?\\.com/api/webhooks/\\d+/${URLSAFE}{60,}`,
    type: 'API_KEY',
    provider: 'discord',
  },
];

/** Longest value any rule can produce before its open-ended body; bodies are capped at 256. */
export const MAX_PROVIDER_TOKEN = 320;
