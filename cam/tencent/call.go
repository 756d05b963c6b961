package tencent

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

// pageSize is the Rp of every paged CAM list call, CAM's maximum.
const pageSize = 200

// maxPages stops paging a list that never ends (a server that ignores Page).
const maxPages = 10_000

// decoder returns a model decoder for the Client's time zone.
func (c *Client) decoder() *decoder { return &decoder{loc: c.cfg.loc} }

// run makes one call that returns nothing of interest, mapping its error.
func (c *Client) run(ctx context.Context, action string, call func() error) error {
	if err := ctx.Err(); err != nil {
		return c.fail(ctx, action, err)
	}
	if err := call(); err != nil {
		return c.fail(ctx, action, err)
	}
	return nil
}

// pages calls fetch for page 1, 2, ... until it has read the total it
// reports or a page comes back empty. fetch returns how many rows the page
// had and the total. SDK errors are mapped with [Client.fail]; any other error
// from fetch is an unreadable response.
func (c *Client) pages(ctx context.Context, action string, fetch func(page uint64) (n int, total uint64, err error)) error {
	var read uint64
	for page := uint64(1); ; page++ {
		if err := ctx.Err(); err != nil {
			return c.fail(ctx, action, err)
		}
		if page > maxPages {
			return c.badResponse(action, fmt.Errorf("still more rows after %d pages", maxPages))
		}
		n, total, err := fetch(page)
		if err != nil {
			var sdk *tcerr.TencentCloudSDKError
			if errors.As(err, &sdk) || ctx.Err() != nil {
				return c.fail(ctx, action, err)
			}
			return c.badResponse(action, err)
		}
		read += uint64(n)
		if n == 0 || read >= total {
			return nil
		}
	}
}

func uintString(n uint64) string { return strconv.FormatUint(n, 10) }
