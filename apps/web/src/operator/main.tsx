// Entry point of the operator console (operator.html), served by the clean room at `/`.
import '@fontsource-variable/inter/wght.css';
import '../styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OperatorApp } from './app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OperatorApp />
  </StrictMode>,
);
