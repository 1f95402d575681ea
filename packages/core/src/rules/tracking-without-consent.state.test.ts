/**
 * tracking-without-consent (issue 14, false positives of the real-code hunt): React state that is
 * turned on only where consent was given (a consent tool's callback, an accept control, a consent
 * check) and then used as the gate. Each case written for this table.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

const team = { consent: { functions: ['hasConsent'] } };

runRuleTests(rule, {
  valid: [
    {
      name: 'state set in react-cookie-consent onAccept, used in an effect',
      code: "import { useEffect, useState } from 'react';\nimport CookieConsent from 'react-cookie-consent';\nimport ReactGA from 'react-ga4';\nexport function Analytics() {\n  const [accepted, setAccepted] = useState(false);\n  useEffect(() => {\n    if (accepted) ReactGA.initialize('G-1');\n  }, [accepted]);\n  return <CookieConsent onAccept={() => setAccepted(true)}>We use cookies</CookieConsent>;\n}\n",
      filename: 'Analytics.tsx',
    },
    {
      name: 'state set in the Cookiebot accept listener behind its statistics check, rendered with &&',
      code: "import { useEffect, useState } from 'react';\nimport { GoogleAnalytics } from '@next/third-parties/google';\nexport function Tags() {\n  const [ok, setOk] = useState(false);\n  useEffect(() => {\n    const onAccept = () => {\n      if (window.Cookiebot?.consent.statistics) setOk(true);\n    };\n    window.addEventListener('CookiebotOnAccept', onAccept);\n    return () => window.removeEventListener('CookiebotOnAccept', onAccept);\n  }, []);\n  return ok && <GoogleAnalytics gaId=\"G-1\" />;\n}\n",
      filename: 'Tags.tsx',
    },
    {
      name: 'state set by an accept button of a hand-written banner and by the team’s consent check on mount',
      code: "import { useEffect, useState } from 'react';\nimport { GoogleAnalytics } from '@next/third-parties/google';\nimport { hasConsent } from './consent';\nexport function Banner() {\n  const [allowed, setAllowed] = useState<boolean>();\n  useEffect(() => {\n    if (hasConsent('analytics')) setAllowed(true);\n  }, []);\n  return (\n    <>\n      {allowed ? <GoogleAnalytics gaId=\"G-1\" /> : null}\n      <button onClick={() => setAllowed(true)}>Accept all cookies</button>\n      <button onClick={() => setAllowed(false)}>Reject</button>\n    </>\n  );\n}\n",
      filename: 'Banner.tsx',
      config: team,
    },
    {
      name: 'state lifted to the parent: a prop with its paired setter prop, set only in the consent tool’s callback and behind its cookie',
      code: "import { useEffect } from 'react';\nimport CookieConsent, { getCookieConsentValue } from 'react-cookie-consent';\nimport ReactGA from 'react-ga4';\nexport const Tracking = ({ allowed, setAllowed }: { allowed: boolean; setAllowed: (v: boolean) => void }) => {\n  const onAccept = () => setAllowed(true);\n  useEffect(() => {\n    if (getCookieConsentValue() === 'true') onAccept();\n  }, []);\n  useEffect(() => {\n    if (allowed) ReactGA.send({ hitType: 'pageview' });\n  }, [allowed]);\n  return <CookieConsent onAccept={onAccept}>We use cookies</CookieConsent>;\n};\n",
      filename: 'Tracking.tsx',
    },
  ],
  invalid: [
    {
      name: 'a prop whose paired setter prop is also called on mount is no gate',
      code: "import { useEffect } from 'react';\nimport ReactGA from 'react-ga4';\nexport const Tracking = ({ allowed, setAllowed }: { allowed: boolean; setAllowed: (v: boolean) => void }) => {\n  useEffect(() => setAllowed(true), []);\n  useEffect(() => {\n    if (allowed) ReactGA.send({ hitType: 'pageview' });\n  }, [allowed]);\n  return null;\n};\n",
      filename: 'Tracking.tsx',
      errors: [{ messageId: 'notGated', line: 6 }],
    },
    {
      name: 'state turned on at mount without a check is no consent',
      code: "import { useEffect, useState } from 'react';\nimport { GoogleAnalytics } from '@next/third-parties/google';\nexport function Tags() {\n  const [ready, setReady] = useState(false);\n  useEffect(() => setReady(true), []);\n  return ready && <GoogleAnalytics gaId=\"G-1\" />;\n}\n",
      filename: 'Tags.tsx',
      errors: [{ messageId: 'notGated', line: 6 }],
    },
    {
      name: 'state set in onAccept and also by a timer',
      code: "import { useEffect, useState } from 'react';\nimport CookieConsent from 'react-cookie-consent';\nimport ReactGA from 'react-ga4';\nexport function Analytics() {\n  const [accepted, setAccepted] = useState(false);\n  useEffect(() => {\n    setTimeout(() => setAccepted(true), 5000);\n  }, []);\n  useEffect(() => {\n    if (accepted) ReactGA.initialize('G-1');\n  }, [accepted]);\n  return <CookieConsent onAccept={() => setAccepted(true)}>We use cookies</CookieConsent>;\n}\n",
      filename: 'Analytics.tsx',
      errors: [{ messageId: 'notGated', line: 10 }],
    },
    {
      name: 'state set after statistics consent does not gate a marketing pixel',
      code: "import { useEffect, useState } from 'react';\nexport function Pixel() {\n  const [ok, setOk] = useState(false);\n  useEffect(() => {\n    window.addEventListener('CookiebotOnAccept', () => {\n      if (window.Cookiebot?.consent.statistics) setOk(true);\n    });\n  }, []);\n  useEffect(() => {\n    if (ok) fbq('track', 'PageView');\n  }, [ok]);\n  return null;\n}\n",
      filename: 'Pixel.tsx',
      errors: [{ messageId: 'wrongCategory', line: 10 }],
    },
    {
      name: 'state that starts true is no gate',
      code: "import { useState } from 'react';\nimport { GoogleAnalytics } from '@next/third-parties/google';\nexport function Tags() {\n  const [show, setShow] = useState(true);\n  return <>{show && <GoogleAnalytics gaId=\"G-1\" />}<button onClick={() => setShow(false)}>Accept</button></>;\n}\n",
      filename: 'Tags.tsx',
      errors: [{ messageId: 'notGated', line: 5 }],
    },
  ],
});
