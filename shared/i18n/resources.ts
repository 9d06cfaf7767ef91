import { cli as enCli } from './en/cli';
import { diagnosis as enDiagnosis } from './en/diagnosis';
import { error as enError } from './en/error';
import { evidence as enEvidence } from './en/evidence';
import { fix as enFix } from './en/fix';
import { history as enHistory } from './en/history';
import { ui as enUi } from './en/ui';
import { wizard as enWizard } from './en/wizard';
import { cli as koCli } from './ko/cli';
import { diagnosis as koDiagnosis } from './ko/diagnosis';
import { error as koError } from './ko/error';
import { evidence as koEvidence } from './ko/evidence';
import { fix as koFix } from './ko/fix';
import { history as koHistory } from './ko/history';
import { ui as koUi } from './ko/ui';
import { wizard as koWizard } from './ko/wizard';

/** The whole English catalogue: every domain, keyed by domain (message ids start with it). */
export const en = {
  ...enUi,
  ...enDiagnosis,
  ...enEvidence,
  ...enFix,
  // The renderer's historical `fix.*` chrome keys share the `fix` domain with fix.ts.
  fix: { ...enUi.fix, ...enFix.fix },
  ...enError,
  ...enCli,
  ...enHistory,
  ...enWizard,
};

/** The whole Korean catalogue. */
export const ko = {
  ...koUi,
  ...koDiagnosis,
  ...koEvidence,
  ...koFix,
  fix: { ...koUi.fix, ...koFix.fix },
  ...koError,
  ...koCli,
  ...koHistory,
  ...koWizard,
};

/** i18next resources for both languages (one namespace). */
export const resources = { en: { translation: en }, ko: { translation: ko } } as const;
