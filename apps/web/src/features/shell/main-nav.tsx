'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

export interface NavItem {
  href: string;
  label: string;
}

/** Marks the current section for screen readers and sighted users alike. */
export function MainNav({
  items,
  label,
  className = 'main-nav',
}: {
  items: NavItem[];
  label: string;
  className?: string;
}) {
  const pathname = usePathname();
  const navRef = useRef<HTMLElement>(null);

  // On a phone the section list scrolls sideways: bring the current section into view within the
  // list itself (never by scrolling the page), so a later section is not hidden off to the right.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const navBox = nav.getBoundingClientRect();
    const activeBox = active.getBoundingClientRect();
    if (activeBox.left >= navBox.left && activeBox.right <= navBox.right) return;
    nav.scrollLeft += activeBox.left - navBox.left - (navBox.width - activeBox.width) / 2;
  }, [pathname]);

  return (
    <nav className={className} aria-label={label} ref={navRef}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={active ? 'page' : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
