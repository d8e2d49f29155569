import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page here. Go to the <Link to="/">overview</Link> or the <Link to="/tokens">token inventory</Link>.
      </p>
    </>
  );
}

/** A page that exists but is for other roles: said plainly, with the way back to the viewer's own pages. */
export function NotForYourRolePage({ home }: { home: string }) {
  return (
    <>
      <h1>Not available for your role</h1>
      <p>
        This page is for administrators. Your role does not include it; if you need it, ask an owner of your organization.
      </p>
      <p>
        <Link to={home}>Go to your pages</Link>
      </p>
    </>
  );
}
