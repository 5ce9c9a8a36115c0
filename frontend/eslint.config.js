// Import rules (bulletproof-react's): shared code (components, config, lib) → features → app, one
// way; a feature never imports another (compositions of features live in src/app); no import cycle;
// React's rules of hooks. Tests may render a feature inside the app's providers.
import { readdirSync } from 'node:fs';

import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url));
const SHARED = ['./src/components', './src/config', './src/lib', './src/test'];
const TESTS = ['src/**/__tests__/**', 'src/**/*.test.{ts,tsx}'];

const crossFeature = features.map((f) => ({
    target: `./src/features/${f}`,
    from: './src/features',
    except: [`./${f}`],
    message: 'A feature does not import another feature: compose them in src/app.'
}));
const featuresBelowApp = { target: './src/features', from: './src/app', message: 'Features sit below the app.' };
const sharedBelowAll = { target: SHARED, from: ['./src/features', './src/app'], message: 'Shared code sits below features and the app.' };
const zones = (...z) => ['error', { zones: z }];

export default [
    { ignores: ['dist/**'] },
    {
        files: ['**/*.{js,ts,tsx}'],
        languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        plugins: { 'import-x': importX, 'react-hooks': reactHooks },
        settings: {
            ...importX.flatConfigs.typescript.settings,
            'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })]
        },
        rules: {
            'react-hooks/rules-of-hooks': 'error',
            'react-hooks/exhaustive-deps': 'error',
            'import-x/no-cycle': 'error',
            'import-x/no-restricted-paths': zones(...crossFeature, featuresBelowApp, sharedBelowAll)
        }
    },
    { files: TESTS, rules: { 'import-x/no-restricted-paths': zones(...crossFeature, sharedBelowAll) } }
];
