// What a user sees on a screen their role does not allow, or on an unknown address.
import { Link } from '../router.tsx';
import { Empty } from '../ui/states.tsx';

export function Forbidden({ title }: { title: string }) {
  return (
    <div className="card forbidden" data-testid="forbidden">
      <Empty
        icon="lock"
        title={`${title} is not available for your role`}
        hint="Your role does not include this area. An administrator can change roles if you need access."
        action={
          <Link className="btn" to="/">
            Go to your start page
          </Link>
        }
      />
    </div>
  );
}

export function NotFound() {
  return (
    <div className="card forbidden" data-testid="not-found">
      <Empty
        icon="search"
        title="Nothing at this address"
        hint="The link may be old, or the item was removed."
        action={
          <Link className="btn" to="/">
            Go to your start page
          </Link>
        }
      />
    </div>
  );
}
