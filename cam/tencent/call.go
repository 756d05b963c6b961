package tencent

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/camkit/camkit/cam"
)

// pageSize is the Rp of every paged CAM list call, CAM's maximum.
const pageSize = 200

// maxPages stops paging a list that never ends (a server that ignores Page).
const maxPages = 10_000

// decoder returns a model decoder for the Client's time zone.
func (c *Client) decoder() *decoder { return &decoder{loc: c.cfg.loc} }

// run makes one write that returns nothing of interest, with the adapter's
// retries ([send]), mapping its error.
func (c *Client) run(ctx context.Context, action cam.Action, call func() error) error {
	if err := c.begin(ctx, action); err != nil {
		return err
	}
	_, err := send(ctx, c, writing, action, func() (struct{}, error) { return struct{}{}, call() })
	if err != nil {
		return c.fail(ctx, action, err)
	}
	return nil
}

// pageAll reads a paged CAM list: it calls fetch for page 1, 2, ... until it
// has read the total CAM reports or a page comes back empty; each page is
// fetched with the adapter's retries ([send]). fetch returns a
// page's rows and that total; nil rows are skipped and the others decoded
// with conv. SDK errors are mapped with [Client.fail]; any other error from
// fetch (errEmpty for a missing body) or left on the decoder is an unreadable
// response.
func pageAll[S, T any](ctx context.Context, c *Client, action cam.Action, fetch func(page uint64) (rows []*S, total *uint64, err error), conv func(*decoder, *S) T) ([]T, error) {
	if err := c.begin(ctx, action); err != nil {
		return nil, err
	}
	type result struct {
		rows  []*S
		total *uint64
	}
	out := []T{}
	d := c.decoder()
	var read uint64
	for page := uint64(1); ; page++ {
		if err := ctx.Err(); err != nil {
			return nil, c.fail(ctx, action, err)
		}
		if page > maxPages {
			return nil, c.badResponse(action, fmt.Errorf("still more rows after %d pages", maxPages))
		}
		r, err := send(ctx, c, reading, action, func() (result, error) {
			rows, total, err := fetch(page)
			return result{rows, total}, err
		})
		rows, total := r.rows, r.total
		if err == nil {
			out = append(out, decodeRows(d, rows, conv)...)
			err = d.err
		}
		if err != nil {
			var sdk *tcerr.TencentCloudSDKError
			if errors.As(err, &sdk) || ctx.Err() != nil {
				return nil, c.fail(ctx, action, err)
			}
			return nil, c.badResponse(action, err)
		}
		read += uint64(len(rows))
		if len(rows) == 0 || read >= u64(total) {
			return out, nil
		}
	}
}

// decodeRows decodes the non-nil rows of an SDK list with conv; decoding
// errors are left on d.
func decodeRows[S, T any](d *decoder, rows []*S, conv func(*decoder, *S) T) []T {
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		if r != nil {
			out = append(out, conv(d, r))
		}
	}
	return out
}

func uintString(n uint64) string { return strconv.FormatUint(n, 10) }
