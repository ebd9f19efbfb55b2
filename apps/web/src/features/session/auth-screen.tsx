import type { ReactNode } from 'react';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import styles from './auth-screen.module.css';

export { styles as authScreenStyles };

/** The frame of the signed-out pages (sign in, sign up, set password): brand, language switch, one card. */
export function AuthScreen({
  title,
  lead,
  children,
  after,
}: {
  title: string;
  lead: string;
  /** The card's body below the heading. */
  children: ReactNode;
  /** Notes below the card. */
  after?: ReactNode;
}) {
  return (
    <div className={styles.screen}>
      <div className={styles.topbar}>
        <LanguageSwitch />
      </div>
      <main id="main" className={styles.panel}>
        <div className={styles.brand}>
          <BrandMark className={styles.mark} />
          <span>Resonance</span>
        </div>
        <div className="card stack">
          <div className="stack stack--sm">
            <h1 className={styles.title}>{title}</h1>
            <p className="muted small">{lead}</p>
          </div>
          {children}
        </div>
        {after}
      </main>
    </div>
  );
}
