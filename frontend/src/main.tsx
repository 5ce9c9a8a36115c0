import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { ConfigError, loadEnv } from '@/config/env';
import { App } from '@/app';

const root = createRoot(document.getElementById('root')!);

loadEnv()
    .then(() => {
        root.render(
            <StrictMode>
                <App />
            </StrictMode>
        );
    })
    .catch((e: unknown) => {
        // The configuration is checked before anything talks to a canister.
        const issues = e instanceof ConfigError ? e.issues : [String(e)];
        root.render(
            <main>
                <div className="alert alert-error" role="alert">
                    <div>
                        <p className="alert-title">The app is not configured</p>
                        <ul>
                            {issues.map((i) => (
                                <li key={i}>{i}</li>
                            ))}
                        </ul>
                    </div>
                </div>
            </main>
        );
    });
