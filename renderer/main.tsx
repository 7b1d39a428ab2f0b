import './boot/early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { AuthGate } from './auth/AuthGate';
import { adoptEarlyReads } from './data/early-reads';
import { createQueryClient } from './data/query-client';
import './styles/app.css';

const client = createQueryClient();
adoptEarlyReads(client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <AuthGate>
        <App />
      </AuthGate>
    </QueryClientProvider>
  </StrictMode>,
);
