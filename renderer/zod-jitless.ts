import { z } from 'zod';

// The wall's CSP has no 'unsafe-eval', so zod cannot use its eval-compiled parsers anyway. Saying so before any
// schema is built stops its `Function('')` probe, which the browser reports as a CSP violation: that report
// channel is kept for real injection attempts. Imported first by main.tsx, for its side effect only.
z.config({ jitless: true });
